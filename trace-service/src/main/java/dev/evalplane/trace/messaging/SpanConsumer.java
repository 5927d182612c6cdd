package dev.evalplane.trace.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.trace.service.EventValidation;
import dev.evalplane.trace.service.SpanIngestService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/** Consumes the spans topic in batches (group trace-service); poison records go to spans-dlq. */
@ApplicationScoped
public class SpanConsumer {

    private final BatchHandler<SpanEvent> handler;

    public SpanConsumer(ObjectMapper mapper, SpanIngestService service) {
        this.handler = new BatchHandler<>(Topics.SPANS,
                new RecordReader<>(mapper, SpanEvent.class, EventValidation::span), service::ingest);
    }

    @Incoming(Topics.SPANS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return handler.handle(batch);
    }
}
