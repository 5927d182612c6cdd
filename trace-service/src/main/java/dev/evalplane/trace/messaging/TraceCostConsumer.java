package dev.evalplane.trace.messaging;

import dev.evalplane.support.messaging.BatchHandler;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.trace.service.EventValidation;
import dev.evalplane.trace.service.TraceCostService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes the trace-costs topic in batches; poison records go to trace-costs-dlq. A record of the plain shape is read
 * from the parser's tokens ({@link TraceCostEventReading}), any other in full.
 */
@ApplicationScoped
public class TraceCostConsumer {

    private final BatchHandler<String, TraceCostEvent> handler;

    public TraceCostConsumer(ObjectMapper mapper, TraceCostService service) {
        RecordReader<TraceCostEvent> full =
                new RecordReader<>(mapper, TraceCostEvent.class, EventValidation::traceCost);
        this.handler = new BatchHandler<>(Topics.TRACE_COSTS,
                new TraceCostEventReading(mapper.getFactory(), EventValidation::traceCost, full), service::apply);
    }

    @Incoming(Topics.TRACE_COSTS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return handler.handle(batch);
    }
}
