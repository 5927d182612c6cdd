package dev.evalplane.cost.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Marked records are dropped from a poll, except the last one of each partition; the rest is kept in order. */
class NotLlmSpansInterceptorTests {

    private static final byte[] NOT_LLM = SpanValueDeserializer.NOT_AN_LLM_SPAN;
    private static final TopicPartition P0 = new TopicPartition("spans", 0);
    private static final TopicPartition P1 = new TopicPartition("spans", 1);
    private static final TopicPartition P2 = new TopicPartition("spans", 2);

    private static List<ConsumerRecord<Object, byte[]>> partition(TopicPartition p, byte[]... values) {
        List<ConsumerRecord<Object, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            records.add(new ConsumerRecord<>(p.topic(), p.partition(), 100 + i, "k" + i, values[i]));
        }
        return records;
    }

    private static List<Long> offsets(ConsumerRecords<Object, byte[]> records, TopicPartition p) {
        return records.records(p).stream().map(ConsumerRecord::offset).toList();
    }

    @Test
    void dropsMarkedRecordsButTheLastOfEachPartition() {
        byte[] llm = "{\"llm\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] poison = "{\"llm\": broken".getBytes(StandardCharsets.UTF_8);
        Map<TopicPartition, List<ConsumerRecord<Object, byte[]>>> polled = new LinkedHashMap<>();
        polled.put(P0, partition(P0, NOT_LLM, llm, NOT_LLM, NOT_LLM, poison, NOT_LLM, NOT_LLM));
        polled.put(P1, partition(P1, NOT_LLM, NOT_LLM, NOT_LLM));
        polled.put(P2, partition(P2, NOT_LLM, llm));
        Map<TopicPartition, OffsetAndMetadata> next = Map.of(P0, new OffsetAndMetadata(107), P1,
                new OffsetAndMetadata(103), P2, new OffsetAndMetadata(102));

        ConsumerRecords<Object, byte[]> kept = new NotLlmSpansInterceptor()
                .onConsume(new ConsumerRecords<>(polled, next));

        assertThat(offsets(kept, P0)).containsExactly(101L, 104L, 106L);
        assertThat(offsets(kept, P1)).as("a poll without LLM spans still ends where it ended").containsExactly(102L);
        assertThat(offsets(kept, P2)).containsExactly(101L);
        assertThat(kept.records(P0).get(0).value()).isSameAs(llm);
        assertThat(kept.nextOffsets()).isEqualTo(next);
        assertThat(new NotLlmSpansInterceptor().onConsume(ConsumerRecords.empty()).isEmpty()).isTrue();
    }
}
