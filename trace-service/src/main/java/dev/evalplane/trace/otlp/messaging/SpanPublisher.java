package dev.evalplane.trace.otlp.messaging;

import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.evalplane.trace.otlp.OtlpIngestException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends span records to the {@code spans} topic (channel {@value #CHANNEL}, acks=all) and completes only once
 * Kafka has acknowledged every one of them; any nack fails the whole batch as {@code UNAVAILABLE}. The buffer is
 * unbounded because one request may hold thousands of spans; the request body limit bounds it.
 */
@ApplicationScoped
public class SpanPublisher {

    public static final String CHANNEL = "otlp-spans";

    @Inject
    @Channel(CHANNEL)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<String> emitter;

    public Uni<Void> publish(List<SpanRecord> records) {
        List<Uni<Void>> sends = records.stream().map(this::send).toList();
        return Uni.join().all(sends).andCollectFailures().replaceWithVoid()
                .onFailure().transform(failure -> {
                    String cause = rootMessage(failure);
                    Log.errorf("Kafka did not acknowledge %d span record(s): %s", records.size(), cause);
                    return new OtlpIngestException(OtlpIngestException.Kind.UNAVAILABLE,
                            "Kafka did not acknowledge the spans (" + cause + "); retry the export", failure);
                });
    }

    private Uni<Void> send(SpanRecord record) {
        Message<String> message = Message.of(record.json())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.traceId()).build());
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
