package dev.evalplane.support.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Event;

/**
 * A plain Kafka producer (string keys, byte values) that sends a list of records as one burst and completes once
 * Kafka acknowledged them all (acks=all, idempotent: a partition's records land in the order sent, retries included).
 *
 * <p>Not a messaging channel: a channel wraps every record in a message with its own ack and context-propagating
 * Unis, completed one by one on the producer's network thread, which cost more CPU than the send itself
 * (bench/RESULTS.md: the otlp profile; cost-service's {@code trace-costs} channel, 30 µs a record). Here a burst
 * appends its records in one loop and one counter completes it from the producer's callbacks.
 *
 * <p>The connection settings (bootstrap servers, SASL/SSL) are the service's {@code kafka.*} / {@code KAFKA_*}
 * configuration (the connector's {@code default-kafka-broker} map), as for its channels. The producer is announced
 * as a CDI {@link Producer} event, the way the messaging connector announces its own clients: Quarkus' Micrometer
 * Kafka binder then serves its client metrics ({@code kafka_producer_*}, by client id) next to the channels'.
 */
public final class PlainProducer implements AutoCloseable {

    private final String clientId;
    private final Producer<String, byte[]> producer;

    /** {@code kafka}: the service's Kafka configuration ({@code @Identifier("default-kafka-broker")}). */
    public PlainProducer(Map<String, Object> kafka, String clientId, Event<Producer<?, ?>> created) {
        this.clientId = clientId;
        this.producer = new KafkaProducer<>(settings(kafka, clientId), new StringSerializer(),
                new ByteArraySerializer());
        created.fire(producer);
    }

    /** The service's Kafka connection plus what these producers must be: durable, ordered, batched. */
    public static Map<String, Object> settings(Map<String, Object> kafka, String clientId) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.keySet().retainAll(ProducerConfig.configNames());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a burst appends up to thousands of records at once: large batches make few produce requests
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        return settings;
    }

    public String clientId() {
        return clientId;
    }

    /**
     * Sends every record with one counter for the whole list instead of a Uni per record: completes once Kafka
     * acknowledged them all, fails with the first failure, on the producer's network thread. Subscribe off the event
     * loop (send may block on metadata, or while the producer's buffer is full); from an event loop, use
     * {@link #sendAllFromContext}.
     */
    public Uni<Void> sendAll(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            AtomicInteger unacknowledged = new AtomicInteger(records.size());
            AtomicBoolean failed = new AtomicBoolean();
            for (ProducerRecord<String, byte[]> record : records) {
                try {
                    producer.send(record, (metadata, exception) -> {
                        if (exception != null) {
                            if (failed.compareAndSet(false, true)) {
                                emitter.fail(exception);
                            }
                        } else if (unacknowledged.decrementAndGet() == 0 && !failed.get()) {
                            emitter.complete(null);
                        }
                    });
                } catch (RuntimeException e) {
                    if (failed.compareAndSet(false, true)) {
                        emitter.fail(e);
                    }
                    return;
                }
            }
        });
    }

    /**
     * {@link #sendAll} for a caller on a Vert.x context (an event loop, a SQL client's callback): the sends run on a
     * worker thread and the outcome comes back on the caller's context (without one, on a worker thread: never on
     * the producer's network thread, which the next step would hold up).
     */
    public Uni<Void> sendAllFromContext(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Context caller = Vertx.currentContext();
        return sendAll(records).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(action -> {
                    if (caller == null) {
                        Infrastructure.getDefaultWorkerPool().execute(action);
                    } else {
                        caller.runOnContext(v -> action.run());
                    }
                });
    }

    /**
     * Whether the producer holds at least one open connection to the broker (its {@code connection-count} metric),
     * the test SmallRye's Kafka connector makes for its own channels' readiness: it is kept open by the producer's
     * metadata refreshes, and drops to 0 when the broker goes away.
     */
    public boolean connected() {
        for (Map.Entry<MetricName, ? extends Metric> metric : producer.metrics().entrySet()) {
            if (metric.getKey().name().equals("connection-count") && metric.getKey().group().equals("producer-metrics")
                    && metric.getValue().metricValue() instanceof Double count) {
                return count > 0;
            }
        }
        return false;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
