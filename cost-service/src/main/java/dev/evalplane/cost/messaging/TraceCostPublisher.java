package dev.evalplane.cost.messaging;

import java.util.Collection;
import java.util.List;
import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.evalplane.cost.metrics.CostMetrics;
import dev.evalplane.cost.repository.TraceCostVersionRepository;
import dev.evalplane.cost.repository.TraceCostVersionRepository.Pending;
import dev.evalplane.events.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes stored aggregates not yet on {@code trace-costs} (the outbox rows), keyed by trace id, then marks them
 * published once the broker has them. Publications run one after the other and each reads the latest stored
 * version, so a trace's versions reach the topic in increasing order; a crash before the mark only re-publishes
 * the same version with the same content, which consumers ignore, and what a crash left unpublished is published at
 * start-up ({@link #publishAllPending()}). The span consumer does not wait for its batch's publication
 * ({@link #publishBehind}): the next batch is priced while the broker takes the last one's aggregates.
 */
@ApplicationScoped
public class TraceCostPublisher {

    private static final int PAGE = 500;
    /** Publications the span consumer may leave queued or running behind it before it waits. */
    static final int MAX_BEHIND = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final MutinyEmitter<String> emitter;
    private final Pool pool;
    private final TraceCostVersionRepository versions;
    private final CostMetrics metrics;
    private final PublicationQueue queue = new PublicationQueue(MAX_BEHIND);

    public TraceCostPublisher(@Channel(Topics.TRACE_COSTS) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 10_000) MutinyEmitter<String> emitter, Pool pool, TraceCostVersionRepository versions,
            CostMetrics metrics) {
        this.emitter = emitter;
        this.pool = pool;
        this.versions = versions;
        this.metrics = metrics;
    }

    /** Publishes the pending aggregates of these traces; the number published. */
    public Uni<Integer> publishPending(Collection<String> traceIds) {
        if (traceIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return serially(() -> versions.findUnpublished(pool, traceIds, Integer.MAX_VALUE).chain(this::send));
    }

    /**
     * Queues the publication of these traces' pending aggregates and completes once at most {@link #MAX_BEHIND}
     * publications are queued or running, without waiting for this one. The aggregates are already stored (the
     * outbox), so the caller may acknowledge its records: a publication that fails (broker unreachable) is tried
     * again with backoff (200 ms doubling to 10 s) until it passes, holding the later ones (and, past the bound, the
     * caller) back, and a crash leaves the rows to {@link #publishAllPending()} at start-up.
     */
    public Uni<Void> publishBehind(Collection<String> traceIds) {
        if (traceIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        queue.add(() -> Uni.createFrom().deferred(() -> versions.findUnpublished(pool, traceIds, Integer.MAX_VALUE)
                .chain(this::send))
                .onFailure().invoke(e -> Log.warnf("publishing the trace costs of %d traces failed (%s); retrying",
                        traceIds.size(), e.toString()))
                .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely());
        return queue.room();
    }

    /** Publishes every pending aggregate (after a restart: what a crash left unpublished). */
    public Uni<Integer> publishAllPending() {
        return serially(this::sendAllPages);
    }

    private Uni<Integer> sendAllPages() {
        return versions.findUnpublished(pool, null, PAGE).chain(page -> page.isEmpty() ? Uni.createFrom().item(0)
                : send(page).chain(sent -> sendAllPages().map(more -> sent + more)));
    }

    private Uni<Integer> send(List<Pending> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Void>> sends = pending.stream().map(p -> emitter.sendMessage(Message.of(p.event())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(p.traceId()).build()))).toList();
        return Uni.join().all(sends).andFailFast()
                .chain(() -> versions.markPublished(pool, pending))
                .invoke(() -> metrics.published(pending.size()))
                .invoke(() -> Log.debugf("published %d trace cost aggregates", pending.size()))
                .replaceWith(pending.size());
    }

    /** Runs publications one at a time, in call order; completes with this one's outcome. */
    private <T> Uni<T> serially(Supplier<Uni<T>> publication) {
        return Uni.createFrom().completionStage(queue.add(publication));
    }
}
