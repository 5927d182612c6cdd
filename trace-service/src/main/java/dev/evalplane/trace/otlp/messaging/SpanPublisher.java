package dev.evalplane.trace.otlp.messaging;

import java.time.Duration;
import java.util.ArrayList;
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

import dev.evalplane.events.Topics;
import dev.evalplane.trace.otlp.OtlpIngestException;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Sends the span records of one OTLP request to the {@code spans} topic and completes once Kafka has acknowledged
 * every one of them (acks=all, idempotent producer); the first failed record fails the request as
 * {@code UNAVAILABLE} (the sender retries the whole request; consumers are idempotent).
 *
 * <p>A plain Kafka producer, not a messaging channel: a channel wraps every record in a message with its own ack
 * and context-propagating Unis, which cost more CPU than the send itself at thousands of spans per request
 * (bench/RESULTS.md, otlp profile). Here a request appends its records in one loop and one counter per request
 * completes it from the producer's callbacks. The connection settings (bootstrap servers, SASL/SSL) are the
 * service's {@code kafka.*} / {@code KAFKA_*} configuration, as for its channels.
 *
 * <p>Created at start-up, so that readiness ({@link SpanPublisherReadiness}) tells from the first probe whether it
 * reaches the broker. Announced as a CDI {@link Producer} event, the way the messaging connector announces its own
 * clients: Quarkus' Micrometer Kafka binder then serves its client metrics ({@code kafka_producer_*}, client id
 * {@value #CLIENT_ID}) next to the channels'.
 */
@Startup
@ApplicationScoped
public class SpanPublisher {

    public static final String CLIENT_ID = "trace-service-otlp";

    private final Producer<String, byte[]> producer;

    public SpanPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, Event<Producer<?, ?>> created) {
        this.producer = new KafkaProducer<>(settings(kafka), new StringSerializer(), new ByteArraySerializer());
        created.fire(producer);
    }

    /** The service's Kafka connection plus what this producer must be: durable, ordered, batched. */
    public static Map<String, Object> settings(Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.keySet().retainAll(ProducerConfig.configNames());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // one request appends up to thousands of records at once: large batches make few produce requests
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        return settings;
    }

    /** Completes after Kafka acknowledged every record; call it off the event loop (send may block on metadata). */
    public Uni<Void> publish(List<SpanRecord> records) {
        List<ProducerRecord<String, byte[]>> sends = new ArrayList<>(records.size());
        for (SpanRecord record : records) {
            sends.add(new ProducerRecord<>(Topics.SPANS, record.traceId(), record.json()));
        }
        return sendAll(producer, sends)
                .onFailure().transform(failure -> {
                    String cause = rootMessage(failure);
                    Log.errorf("Kafka did not acknowledge %d span record(s): %s", records.size(), cause);
                    return new OtlpIngestException(OtlpIngestException.Kind.UNAVAILABLE,
                            "Kafka did not acknowledge the spans (" + cause + "); retry the export", failure);
                });
    }

    /**
     * Sends every record with one counter for the whole list instead of a Uni per record: completes once Kafka
     * acknowledged them all, fails with the first failure. Subscribe off the event loop (send may block on metadata).
     */
    public static Uni<Void> sendAll(Producer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records) {
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

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
