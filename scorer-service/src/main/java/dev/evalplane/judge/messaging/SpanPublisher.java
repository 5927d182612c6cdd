package dev.evalplane.judge.messaging;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.PipelineRecords;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends spans (judge traces, row traces) to {@code spans}, keyed by trace id, each marked as the pipeline's own
 * ({@link PipelineRecords}: trace-service links them into their run); completes when Kafka acked.
 */
@ApplicationScoped
public class SpanPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public SpanPublisher(@Channel(Topics.SPANS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
            MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    /** In the given order, which Kafka keeps within the trace's partition. */
    public Uni<Void> publish(List<SpanEvent> spans) {
        if (spans.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = spans.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(SpanEvent span) {
        try {
            String payload = json.writeValueAsString(span);
            return emitter.sendMessage(Message.of(payload)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(span.traceId())
                            .withHeaders(new RecordHeaders().add(PipelineRecords.HEADER, PipelineRecords.mark()))
                            .build()))
                    .onFailure().transform(e -> new PublishException(Topics.SPANS, e));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
