package dev.evalplane.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Plain Kafka clients on a real broker, the one way tests (and the benches) produce and read records (strings, or raw
 * bytes where the bytes themselves matter: {@link #sendBytes}, {@link #readBytesToEnd}): a producer
 * whose {@link #send} waits for the broker's ack ({@link #sendAsync} and {@link #flush} for many), reads of a whole
 * topic, a consumer group's lag, topics and their partitions, a tail that remembers what arrives ({@link TopicTail})
 * and a topic config override for the length of a try block ({@link TopicOverride}).
 */
public final class TopicClient implements AutoCloseable {

    private static final Duration REQUEST = Duration.ofSeconds(30);
    private static TopicClient testBroker;

    private final String bootstrapServers;
    private final Map<String, Object> producerConfig;
    private KafkaProducer<byte[], byte[]> producer;

    /** One client on the shared test broker ({@link KafkaBrokerResource}), open for the life of the JVM. */
    public static synchronized TopicClient onTestBroker() {
        if (testBroker == null) {
            testBroker = new TopicClient(KafkaBrokerResource.bootstrapServers());
        }
        return testBroker;
    }

    public TopicClient(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** {@code producerConfig} adds to or overrides the producer's settings (acks=all, linger 5 ms, 2 MB requests). */
    public TopicClient(String bootstrapServers, Map<String, Object> producerConfig) {
        this.bootstrapServers = bootstrapServers;
        this.producerConfig = Map.copyOf(producerConfig);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Sends a record and waits for the broker's ack. */
    public void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** Sends a record (with its partition, timestamp and headers, when given) and waits for the broker's ack. */
    public void send(ProducerRecord<String, String> record) {
        sendAndWait(new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), utf8(record.key()),
                utf8(record.value()), record.headers()));
    }

    /** Sends raw bytes (not necessarily UTF-8) to one partition and waits for the broker's ack. */
    public void sendBytes(String topic, int partition, String key, byte[] value) {
        sendAndWait(new ProducerRecord<>(topic, partition, utf8(key), value));
    }

    /** Sends a raw key and value (either may be null or not UTF-8) and waits for the broker's ack. */
    public void sendBytes(String topic, byte[] key, byte[] value) {
        sendAndWait(new ProducerRecord<>(topic, key, value));
    }

    private void sendAndWait(ProducerRecord<byte[], byte[]> record) {
        try {
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("record for " + (record.key() == null ? null
                    : new String(record.key(), StandardCharsets.UTF_8)) + " not delivered", e.getCause());
        }
    }

    /** Sends without waiting ({@link #flush()} waits for all); a record that cannot be delivered is reported on stderr. */
    public Future<RecordMetadata> sendAsync(String topic, String key, String value) {
        return producer().send(new ProducerRecord<>(topic, utf8(key), utf8(value)), (metadata, error) -> {
            if (error != null) {
                System.err.println("record for " + key + " not delivered: " + error);
            }
        });
    }

    public void flush() {
        producer().flush();
    }

    /** Every record of the topic, from its beginning to its end as it is now (no consumer group). */
    public List<ConsumerRecord<String, String>> readToEnd(String topic) {
        return readToEnd(topic, new StringDeserializer());
    }

    /** Every record of the topic as {@link #readToEnd(String)}, key and value as their bytes. */
    public List<ConsumerRecord<byte[], byte[]>> readBytesToEnd(String topic) {
        return readToEnd(topic, new ByteArrayDeserializer());
    }

    private <T> List<ConsumerRecord<T, T>> readToEnd(String topic, Deserializer<T> deserializer) {
        List<ConsumerRecord<T, T>> read = new ArrayList<>();
        try (KafkaConsumer<T, T> consumer = new KafkaConsumer<>(readerConfig(), deserializer, deserializer)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, REQUEST);
            long deadline = System.nanoTime() + REQUEST.toNanos();
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + REQUEST);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }

    /**
     * Reads the topic from its beginning until {@code done} holds for what was read, or the timeout passes (then
     * returns what was read: {@code read -> false} reads for exactly the timeout, to show that nothing arrives).
     */
    public List<ConsumerRecord<String, String>> readUntil(String topic,
            Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = reader()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                if (done.test(read)) {
                    return read;
                }
            }
        }
        return read;
    }

    /** A consumer of its own new group on the topic from its beginning, remembering every record it sees. */
    public TopicTail tail(String topic) {
        return new TopicTail(consumer("tail-" + UUID.randomUUID()), topic);
    }

    /** A consumer of the group reading from the beginning where the group has no offset (up to 2000 records a poll). */
    public KafkaConsumer<String, String> consumer(String group) {
        Map<String, Object> config = new HashMap<>(readerConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return new KafkaConsumer<>(config);
    }

    /** Records of the topic the consumer group has not committed yet (a partition it never committed counts whole). */
    public long uncommitted(String group, String topic) {
        try (Admin admin = admin(); KafkaConsumer<String, String> consumer = reader()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(REQUEST.toSeconds(), TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions(consumer, topic), REQUEST)
                    .entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue() - (at == null ? 0 : at.offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of group " + group, e);
        }
    }

    /** Creates the topic with this many partitions (an existing topic is left as it is). */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
                    .get(REQUEST.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name, e);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
    }

    /** Sets a topic config (e.g. {@code max.message.bytes}) until the returned override is closed. */
    public TopicOverride override(String topic, String name, String value) {
        return TopicOverride.set(admin(), topic, name, value);
    }

    /** The partition the default partitioner gives this key (murmur2 of the key bytes). */
    public int partitionOf(String topic, String key) {
        int partitions = producer().partitionsFor(topic).size();
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** A new key from {@code newKeys} that lands on the same partition as {@code key}, so it is consumed after it. */
    public String keyOnPartitionOf(String topic, String key, Supplier<String> newKeys) {
        int target = partitionOf(topic, key);
        while (true) {
            String candidate = newKeys.get();
            if (partitionOf(topic, candidate) == target) {
                return candidate;
            }
        }
    }

    public static Map<String, List<ConsumerRecord<String, String>>> byKey(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(r -> r.key() != null).collect(Collectors.groupingBy(ConsumerRecord::key));
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000);
            config.putAll(producerConfig);
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> readerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    }

    /** A consumer without a group (assigned partitions only). */
    private KafkaConsumer<String, String> reader() {
        return new KafkaConsumer<>(readerConfig());
    }

    /** The topic's partitions, polling (every 100 ms, at most 30 s) until the broker knows the topic. */
    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        long deadline = System.nanoTime() + REQUEST.toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, REQUEST).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker does not know topic " + topic);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
