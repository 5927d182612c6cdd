package dev.evalplane.trace.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanValidation;
import dev.evalplane.events.Topics;
import dev.evalplane.trace.service.SpanIngestService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes the spans topic in batches (group trace-service); records {@link SpanValidation} refuses (the same ones
 * cost-service refuses) go to spans-dlq.
 */
@ApplicationScoped
public class SpanConsumer {

    private final BatchHandler<byte[], SpanEvent> handler;

    public SpanConsumer(SpanIngestService service) {
        this.handler = new BatchHandler<>(Topics.SPANS, SpanValidation::read, service::ingest);
    }

    @Incoming(Topics.SPANS)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return handler.handle(batch);
    }
}
