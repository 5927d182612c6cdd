package dev.evalplane.judge.online;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.evalplane.events.OnlineSampling;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceStoredEvent;
import dev.evalplane.support.messaging.BatchHandler;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code traces-stored} (trace-service's announcement of each stored ended root span, {@link TraceStoredEvent})
 * in batches in its own consumer group ({@code scorer-service-online}), so ingestion never waits for it and online
 * scoring never reads span records. A trace of an experiment with started scorers, not a judge trace, becomes one
 * claim per scorer whose sample selects it, due a grace period after the trace completed: the root span's end
 * bounded by when trace-service stored it ({@link #graceStart}), so the claim is due between that store and store +
 * grace whatever the client's clock says; traces stored before a scorer was started (less the grace period) are not
 * claimed for it. One batch-with-DLQ policy ({@link BatchHandler}): a record that is not a valid event goes to
 * {@code traces-stored-dlq}, a failed insert (database down) is retried until it passes, and the batch is acknowledged
 * once the claims are stored; a redelivered batch inserts nothing new (primary key). While the backlog is over
 * {@code max-backlog} the batch waits, which pauses the partitions: the backlog then waits in Kafka as consumer lag.
 */
@ApplicationScoped
public class StoredTraceConsumer {

    static final String CHANNEL = "online-traces-stored";
    private static final Duration BACKLOG_WAIT = Duration.ofMillis(500);

    private final StartedConfigs started;
    private final OnlineClaimRepository claims;
    private final OnlineSettings settings;
    private final OnlineScoringWorker worker;
    private final BatchHandler<byte[], TraceStoredEvent> handler;

    public StoredTraceConsumer(StartedConfigs started, OnlineClaimRepository claims, OnlineSettings settings,
            OnlineScoringWorker worker) {
        this.started = started;
        this.claims = claims;
        this.settings = settings;
        this.worker = worker;
        this.handler = new BatchHandler<>(Topics.TRACES_STORED, TraceStoredEvent::read, this::claim);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return handler.handle(batch);
    }

    private Uni<Void> claim(List<TraceStoredEvent> stored) {
        if (!started.loaded()) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(BACKLOG_WAIT).chain(() -> claim(stored));
        }
        List<OnlineClaim.New> selected = select(stored, Instant.now());
        if (selected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return waitForRoom().chain(() -> claims.insert(selected))
                .invoke(() -> {
                    started.claimed(selected.size());
                    selected.forEach(c -> worker.wakeAt(c.dueAt()));
                })
                .replaceWithVoid();
    }

    /** The claims the stored traces make: judge traces and experiments without started scorers make none. */
    private List<OnlineClaim.New> select(List<TraceStoredEvent> stored, Instant now) {
        List<OnlineClaim.New> selected = new ArrayList<>();
        if (!started.any()) {
            return selected;
        }
        for (TraceStoredEvent trace : stored) {
            List<OnlineConfig> configs = started.of(trace.experimentId());
            if (trace.judgeTrace() || configs.isEmpty()) {
                continue;
            }
            Instant storedAt = trace.storedAt().isAfter(now) ? now : trace.storedAt();
            Instant completed = graceStart(trace.rootEndTimeNs(), storedAt, settings.grace());
            for (OnlineConfig config : configs) {
                if (storedAt.isBefore(config.startedAt().minus(settings.grace()))) {
                    continue;
                }
                if (OnlineSampling.selects(trace.traceId(), config.scorerName(), config.sampleRate())) {
                    selected.add(new OnlineClaim.New(trace.traceId(), config, completed,
                            completed.plus(settings.grace())));
                }
            }
        }
        return selected;
    }

    /**
     * Where the grace period starts: the root span's own end, bounded by when trace-service stored it, so the claim is
     * due between that store and store + grace whatever the client's clock says (an end in the future counts as the
     * store, an end more than a grace period before it as store - grace: a trace exported or stored late is due at
     * once, its child spans sent with it already stored).
     */
    static Instant graceStart(long rootEndNs, Instant stored, Duration grace) {
        Instant end = Instant.ofEpochSecond(rootEndNs / 1_000_000_000L, rootEndNs % 1_000_000_000L);
        if (end.isAfter(stored)) {
            return stored;
        }
        Instant earliest = stored.minus(grace);
        return end.isBefore(earliest) ? earliest : end;
    }

    private Uni<Void> waitForRoom() {
        if (started.backlog() < settings.maxBacklog()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(BACKLOG_WAIT).chain(this::waitForRoom);
    }
}
