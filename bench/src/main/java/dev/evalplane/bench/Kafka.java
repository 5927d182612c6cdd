package dev.evalplane.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.evalplane.testsupport.KafkaBrokerResource;

/** String records on the shared broker: an idempotent producer (no duplicates on its own retries) and reads. */
public final class Kafka implements AutoCloseable {

    /** The Kafka clients log every configuration at INFO and every reconnect at WARN: errors are enough here. */
    private static final Logger KAFKA_LOGS = Logger.getLogger("org.apache.kafka");

    static {
        KAFKA_LOGS.setLevel(Level.SEVERE);
    }

    private final KafkaProducer<String, String> producer;

    public Kafka() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Sends asynchronously; a record that cannot be delivered within the delivery timeout fails loudly. */
    public Future<RecordMetadata> send(String topic, String key, String value) {
        return producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                System.err.println("record for " + key + " not delivered: " + error);
            }
        });
    }

    public void flush() {
        producer.flush();
    }

    public static void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    /**
     * Records of {@code topic} the consumer group has not committed yet (summed over partitions; a partition it never
     * committed counts whole), or -1 when the broker cannot be asked.
     */
    public static long groupLag(String group, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers()));
                KafkaConsumer<String, String> reader = consumer("bench-lag-" + System.nanoTime())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            List<TopicPartition> partitions = reader.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : reader.endOffsets(partitions).entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue() - (at == null ? 0 : at.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | RuntimeException e) {
            return -1;
        }
    }

    /** A consumer of its own group, reading from the beginning. */
    public static KafkaConsumer<String, String> consumer(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    /** Every record of a topic now: reads until a poll of {@code quiet} brings nothing (at most a minute). */
    public static List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        try (KafkaConsumer<String, String> consumer = consumer("bench-read-" + System.nanoTime())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                var polled = consumer.poll(quiet);
                if (polled.isEmpty() && !consumer.assignment().isEmpty()) {
                    break;
                }
                polled.forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
