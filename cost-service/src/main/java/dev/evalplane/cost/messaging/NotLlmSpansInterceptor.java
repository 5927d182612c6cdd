package dev.evalplane.cost.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Drops, inside the consumer's poll, the {@code spans} records {@link SpanValueDeserializer} marked as no LLM span,
 * so the connector never wraps them into messages (a record, two metadata objects and a context capture each) nor
 * hands them to {@link SpanCostConsumer}. The last record of each partition in a poll is always kept, marked or not:
 * a batch is acknowledged at its last offset per partition, so offsets are committed exactly as far as without this
 * interceptor, and a stream without LLM spans is still committed.
 */
public final class NotLlmSpansInterceptor implements ConsumerInterceptor<Object, byte[]> {

    @Override
    public ConsumerRecords<Object, byte[]> onConsume(ConsumerRecords<Object, byte[]> records) {
        if (records.isEmpty()) {
            return records;
        }
        Map<TopicPartition, List<ConsumerRecord<Object, byte[]>>> kept = new LinkedHashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<Object, byte[]>> all = records.records(partition);
            int last = all.size() - 1;
            List<ConsumerRecord<Object, byte[]>> some = new ArrayList<>();
            for (int i = 0; i < last; i++) {
                ConsumerRecord<Object, byte[]> record = all.get(i);
                if (record.value() != SpanValueDeserializer.NOT_AN_LLM_SPAN) {
                    some.add(record);
                }
            }
            some.add(all.get(last));
            kept.put(partition, some);
        }
        return new ConsumerRecords<>(kept, records.nextOffsets());
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
