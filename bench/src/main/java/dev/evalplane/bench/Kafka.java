package dev.evalplane.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;

import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.TopicClient;

/**
 * The benches' view of the shared broker: test-support's {@link TopicClient} with a producer tuned for volume (idempotent,
 * so its own retries add no duplicates; 256 KiB batches; a 5 minute delivery timeout).
 */
public final class Kafka implements AutoCloseable {

    /** The Kafka clients log every configuration at INFO and every reconnect at WARN: errors are enough here. */
    private static final Logger KAFKA_LOGS = Logger.getLogger("org.apache.kafka");
    /**
     * But the producer's sender warns when a batch fails and is sent again: that is what the Kafka limit's stalls (a
     * fresh producer's records left pending, none failed, {@link Baselines}) would show.
     */
    private static final Logger PRODUCER_LOGS = Logger.getLogger("org.apache.kafka.clients.producer.internals");

    static {
        KAFKA_LOGS.setLevel(Level.SEVERE);
        PRODUCER_LOGS.setLevel(Level.WARNING);
    }

    private final TopicClient client = new TopicClient(KafkaBrokerResource.bootstrapServers(), Map.of(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.BATCH_SIZE_CONFIG, 262144,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300000,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1048576));

    /** Sends asynchronously; a record that cannot be delivered within the delivery timeout fails loudly. */
    public Future<RecordMetadata> send(String topic, String key, String value) {
        return client.sendAsync(topic, key, value);
    }

    public void flush() {
        client.flush();
    }

    public static void createTopic(String name, int partitions) {
        TopicClient.onTestBroker().createTopic(name, partitions);
    }

    /** The {@code spans} partition a record with this key goes to (the default partitioner, as every producer uses). */
    public static int spansPartition(String key) {
        return TopicClient.onTestBroker().partitionOf(Topics.SPANS, key);
    }

    /** Records of {@code topic} the consumer group has not committed yet, or -1 when the broker cannot be asked. */
    public static long groupLag(String group, String topic) {
        try {
            return TopicClient.onTestBroker().uncommitted(group, topic);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A consumer of its own group, reading from the beginning. */
    public static KafkaConsumer<String, String> consumer(String group) {
        return TopicClient.onTestBroker().consumer(group);
    }

    /** Every record of a topic, from its beginning to its end now. */
    public static List<ConsumerRecord<String, String>> readToEnd(String topic) {
        return TopicClient.onTestBroker().readToEnd(topic);
    }

    @Override
    public void close() {
        client.close();
    }
}
