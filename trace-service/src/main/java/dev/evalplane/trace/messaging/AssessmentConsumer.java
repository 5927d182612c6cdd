package dev.evalplane.trace.messaging;

import dev.evalplane.support.messaging.BatchHandler;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.trace.domain.AssessmentRecord;
import dev.evalplane.trace.service.AssessmentService;
import dev.evalplane.trace.service.EventValidation;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/** Consumes the assessments topic in batches; poison records go to assessments-dlq. */
@ApplicationScoped
public class AssessmentConsumer {

    private final BatchHandler<String, AssessmentRecord> handler;

    public AssessmentConsumer(ObjectMapper mapper, AssessmentService service) {
        this.handler = new BatchHandler<>(Topics.ASSESSMENTS, new RecordReader<>(mapper, AssessmentEvent.class,
                EventValidation::assessment).andThen(AssessmentRecord::of), service::ingest);
    }

    @Incoming(Topics.ASSESSMENTS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return handler.handle(batch);
    }
}
