package dev.evalplane.judge.messaging;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Sends feedback and expectations to {@code assessments}, keyed by the evaluated trace id. */
@ApplicationScoped
public class AssessmentPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public AssessmentPublisher(@Channel(Topics.ASSESSMENTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 8192) MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    public Uni<Void> publish(AssessmentEvent assessment) {
        try {
            String payload = json.writeValueAsString(assessment);
            return emitter.sendMessage(Message.of(payload)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(assessment.traceId()).build()))
                    .onFailure().transform(e -> new PublishException(Topics.ASSESSMENTS, e));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    public Uni<Void> publishAll(List<AssessmentEvent> assessments) {
        if (assessments.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(assessments.stream().map(this::publish).toList()).andFailFast().replaceWithVoid();
    }
}
