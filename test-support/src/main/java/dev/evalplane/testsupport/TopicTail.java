package dev.evalplane.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A consumer of its own group on one topic from its beginning ({@link TopicClient#tail}), remembering every record it
 * has seen, for tests that wait for records keyed by an id (or show that none came).
 */
public final class TopicTail implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    TopicTail(KafkaConsumer<String, String> consumer, String topic) {
        this.consumer = consumer;
        consumer.subscribe(List.of(topic));
    }

    /** Polls until at least {@code count} records keyed {@code key} arrived; returns their values as JSON. */
    public List<JsonNode> await(String key, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
            List<JsonNode> records = keyed(key);
            if (records.size() >= count) {
                return records;
            }
        }
        throw new AssertionError("expected %d record(s) keyed %s within %s, saw %d".formatted(count, key, timeout,
                keyed(key).size()));
    }

    /** The values (as JSON) of every record keyed {@code key} seen so far (poll a while first to assert absence). */
    public List<JsonNode> keyed(String key) {
        List<JsonNode> records = new ArrayList<>();
        for (ConsumerRecord<String, String> record : seen) {
            if (key.equals(record.key())) {
                records.add(parse(record.value()));
            }
        }
        return records;
    }

    /** One poll of up to 200 ms. */
    public void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON on the topic: " + value, e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
