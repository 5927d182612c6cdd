package dev.evalplane.cost.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import dev.evalplane.cost.metrics.CostMetrics;
import dev.evalplane.cost.repository.TraceCostVersionRepository;
import dev.evalplane.cost.repository.TraceCostVersionRepository.Pending;
import dev.evalplane.events.Topics;
import dev.evalplane.support.messaging.PlainProducer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Publishes stored aggregates not yet on {@code trace-costs} (the outbox rows), keyed by trace id, then marks them
 * published once the broker has them. Publications run one after the other and each reads the latest stored
 * version, so a trace's versions reach the topic in increasing order; a crash before the mark only re-publishes
 * the same version with the same content, which consumers ignore, and what a crash left unpublished is published at
 * start-up ({@link #publishAllPending()}). The span consumer does not wait for its batch's publication
 * ({@link #publishBehind}): the next batch is priced while the broker takes the last one's aggregates.
 *
 * <p>A publication's records go out as one burst through a {@link PlainProducer} (acks=all, idempotent: a partition's
 * records land in the order sent), and its rows are marked once Kafka acknowledged every record: one counter per
 * publication instead of a message, an ack and a Mutiny completion per record on the producer's thread (30 µs a
 * record with the messaging channel, bench/RESULTS.md). Created at start-up, so that readiness
 * ({@link TraceCostPublisherReadiness}) tells from the first probe whether it reaches the broker; its client metrics
 * are served under client id {@value #CLIENT_ID}.
 */
@Startup
@ApplicationScoped
public class TraceCostPublisher {

    public static final String CLIENT_ID = "cost-service-trace-costs";

    private static final int PAGE = 500;
    /** Publications the span consumer may leave queued or running behind it before it waits. */
    static final int MAX_BEHIND = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final PlainProducer producer;
    private final Pool pool;
    private final TraceCostVersionRepository versions;
    private final CostMetrics metrics;
    private final PublicationQueue queue = new PublicationQueue(MAX_BEHIND);

    public TraceCostPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            Event<Producer<?, ?>> created, Pool pool, TraceCostVersionRepository versions, CostMetrics metrics) {
        this.producer = new PlainProducer(kafka, CLIENT_ID, created);
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
        queue.add(() -> untilPublished(() -> versions.findUnpublished(pool, traceIds, Integer.MAX_VALUE)
                .chain(this::send), "the trace costs of " + traceIds.size() + " traces"));
        return queue.room();
    }

    /**
     * Publishes every pending aggregate (after a restart: what a crash left unpublished); tried again with backoff
     * until it passes, like {@link #publishBehind}, so a broker down at start-up only delays it.
     */
    public Uni<Integer> publishAllPending() {
        return serially(() -> untilPublished(this::sendAllPages, "the pending trace costs"));
    }

    /** Whether the producer holds an open connection to the broker ({@link PlainProducer#connected()}). */
    public boolean connected() {
        return producer.connected();
    }

    private static <T> Uni<T> untilPublished(Supplier<Uni<T>> publication, String what) {
        return Uni.createFrom().<T>deferred(publication::get)
                .onFailure().invoke(e -> Log.warnf("publishing %s failed (%s); retrying", what, e.toString()))
                .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely();
    }

    private Uni<Integer> sendAllPages() {
        return versions.findUnpublished(pool, null, PAGE).chain(page -> page.isEmpty() ? Uni.createFrom().item(0)
                : send(page).chain(sent -> sendAllPages().map(more -> sent + more)));
    }

    private Uni<Integer> send(List<Pending> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            records.add(new ProducerRecord<>(Topics.TRACE_COSTS, p.traceId(),
                    p.event().getBytes(StandardCharsets.UTF_8)));
        }
        return producer.sendAllFromContext(records)
                .chain(() -> versions.markPublished(pool, pending))
                .invoke(() -> metrics.published(pending.size()))
                .invoke(() -> Log.debugf("published %d trace cost aggregates", pending.size()))
                .replaceWith(pending.size());
    }

    /** Runs publications one at a time, in call order; completes with this one's outcome. */
    private <T> Uni<T> serially(Supplier<Uni<T>> publication) {
        return Uni.createFrom().completionStage(queue.add(publication));
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
