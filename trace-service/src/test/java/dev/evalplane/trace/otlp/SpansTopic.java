package dev.evalplane.trace.otlp;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.Topics;

/** A plain KafkaConsumer on the real {@code spans} topic, from the beginning, remembering every record it saw. */
final class SpansTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    SpansTopic(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "otlp-tests-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(Topics.SPANS));
    }

    /** Polls until at least {@code count} records keyed by the trace id arrived; returns them as JSON. */
    List<JsonNode> await(String traceId, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
            List<JsonNode> records = keyed(traceId);
            if (records.size() >= count) {
                return records;
            }
        }
        return fail("expected %d span record(s) keyed %s within %s, saw %d", count, traceId, timeout,
                keyed(traceId).size());
    }

    /** Every record keyed by the trace id seen so far (poll a while first when asserting absence). */
    List<JsonNode> keyed(String traceId) {
        List<JsonNode> records = new ArrayList<>();
        for (ConsumerRecord<String, String> record : seen) {
            if (traceId.equals(record.key())) {
                records.add(parse(record.value()));
            }
        }
        return records;
    }

    void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private static JsonNode parse(String value) {
        try {
            return OtlpFixtures.JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
