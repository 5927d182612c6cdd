package dev.evalplane.trace.otlp.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.evalplane.events.Topics;
import dev.evalplane.support.messaging.PlainProducer;
import dev.evalplane.trace.otlp.OtlpIngestException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Sends the span records of one OTLP request to the {@code spans} topic and completes once Kafka has acknowledged
 * every one of them (acks=all, idempotent producer); the first failed record fails the request as
 * {@code UNAVAILABLE} (the sender retries the whole request; consumers are idempotent).
 *
 * <p>A {@link PlainProducer}, not a messaging channel (why: there): a request appends its records in one loop and one
 * counter per request completes it. Created at start-up, so that readiness ({@link SpanPublisherReadiness}) tells
 * from the first probe whether it reaches the broker; its client metrics are served under client id
 * {@value #CLIENT_ID}.
 */
@Startup
@ApplicationScoped
public class SpanPublisher {

    public static final String CLIENT_ID = "trace-service-otlp";

    private final PlainProducer producer;

    public SpanPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, Event<Producer<?, ?>> created) {
        this.producer = new PlainProducer(kafka, CLIENT_ID, created);
    }

    /** Completes after Kafka acknowledged every record; call it off the event loop (send may block on metadata). */
    public Uni<Void> publish(List<SpanRecord> records) {
        List<ProducerRecord<String, byte[]>> sends = new ArrayList<>(records.size());
        for (SpanRecord record : records) {
            sends.add(new ProducerRecord<>(Topics.SPANS, record.traceId(), record.json()));
        }
        return producer.sendAll(sends)
                .onFailure().transform(failure -> {
                    String cause = rootMessage(failure);
                    Log.errorf("Kafka did not acknowledge %d span record(s): %s", records.size(), cause);
                    return new OtlpIngestException(OtlpIngestException.Kind.UNAVAILABLE,
                            "Kafka did not acknowledge the spans (" + cause + "); retry the export", failure);
                });
    }

    /** Whether the producer holds an open connection to the broker ({@link PlainProducer#connected()}). */
    public boolean connected() {
        return producer.connected();
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
