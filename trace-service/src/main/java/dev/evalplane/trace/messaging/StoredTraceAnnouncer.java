package dev.evalplane.trace.messaging;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceStoredEvent;
import dev.evalplane.support.messaging.PlainProducer;
import dev.evalplane.trace.domain.TraceContribution;
import dev.evalplane.trace.otlp.messaging.SpanPublisher;
import dev.evalplane.trace.service.ReceivedSpan;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * Announces on {@code traces-stored} ({@link TraceStoredEvent}, keyed by trace id) every ended root span of a batch
 * the span ingest path has just committed, so that a consumer interested in completed traces (scorer-service's online
 * scoring) reads a few small records instead of every span record, and never hears of a trace before it is readable.
 * The returned Uni completes once Kafka acknowledged every announcement (acks=all, idempotent): the span batch is
 * acknowledged only after that, so a crash or a broker outage in between stores the batch again and announces it
 * again (a failed send fails the store, which the batch handler retries like any transient failure). Announcing a
 * trace twice is harmless: consumers are idempotent.
 *
 * <p>A {@link PlainProducer} like the OTLP door's ({@link SpanPublisher}): one counter per batch instead of a message
 * and its ack per record. Sends run on a worker thread (a send may block on metadata) and the result comes back on the
 * caller's Vert.x context; its client metrics are served under client id {@value #CLIENT_ID}.
 */
@ApplicationScoped
public class StoredTraceAnnouncer {

    public static final String CLIENT_ID = "trace-service-traces-stored";

    private final PlainProducer producer;

    public StoredTraceAnnouncer(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            Event<Producer<?, ?>> created) {
        this.producer = new PlainProducer(kafka, CLIENT_ID, created);
    }

    /** Announces the ended root spans among {@code stored}; completes at once when there are none. */
    public Uni<Void> announce(List<ReceivedSpan> stored) {
        List<TraceStoredEvent> events = events(stored, Instant.now());
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return producer.sendAllFromContext(records(events));
    }

    /** One event per ended root span; the experiment as trace-service stores it (none: the default experiment). */
    static List<TraceStoredEvent> events(List<ReceivedSpan> stored, Instant storedAt) {
        List<TraceStoredEvent> events = new ArrayList<>();
        for (ReceivedSpan received : stored) {
            SpanEvent span = received.span();
            if (span.isRoot() && span.endTimeNs() > 0) {
                String experiment = span.experimentId() == null || span.experimentId().isBlank()
                        ? TraceContribution.DEFAULT_EXPERIMENT : span.experimentId();
                events.add(TraceStoredEvent.of(span, experiment, storedAt));
            }
        }
        return events;
    }

    private static List<ProducerRecord<String, byte[]>> records(List<TraceStoredEvent> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (TraceStoredEvent event : events) {
            try {
                records.add(new ProducerRecord<>(Topics.TRACES_STORED, event.traceId(),
                        EventJson.mapper().writeValueAsBytes(event)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
