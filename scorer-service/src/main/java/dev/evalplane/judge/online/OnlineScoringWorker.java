package dev.evalplane.judge.online;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.evalplane.judge.service.EvaluationService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Takes due claims, at most {@code max-in-flight} at once on this replica, reads their traces from trace-service in one
 * request and scores them. It looks for due claims every {@code poll-every} (claims of other replicas, retries, expired
 * leases), at the moment a claim this replica's consumer stored falls due ({@link #wakeAt}, to {@code WAKE_STEP}), and
 * again as soon as a slot frees when the last look found more due claims than free slots. Leases of the claims it holds
 * are extended every {@code lease / 6}, so only a replica that stopped (or was killed) loses them. At start it frees the
 * claims a previous process under the same name left SCORING. Vert.x timers: the scheduler does not run more often
 * than once a second.
 */
@ApplicationScoped
public class OnlineScoringWorker {

    /** Due times closer than this share one wake-up. */
    private static final long WAKE_STEP_MS = 25;

    private final OnlineClaimRepository claims;
    private final OnlineTraceScorer scorer;
    private final OnlineSettings settings;
    private final String owner;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean saturated = new AtomicBoolean();
    private final Set<Long> wakeUps = ConcurrentHashMap.newKeySet();
    private volatile long leasesExtendedAt;
    private volatile Vertx vertx;

    public OnlineScoringWorker(OnlineClaimRepository claims, OnlineTraceScorer scorer, OnlineSettings settings,
            EvaluationService runs, MeterRegistry registry) {
        this.claims = claims;
        this.scorer = scorer;
        this.settings = settings;
        this.owner = runs.owner();
        Gauge.builder("evalplane.online.in.flight", inFlight, AtomicInteger::get)
                .description("traces this replica is scoring online").register(registry);
    }

    void startOnStart(@Observes StartupEvent event, Vertx vertx) {
        Integer released = claims.releaseOwner(owner).await().atMost(Duration.ofSeconds(30));
        if (released > 0) {
            Log.warnf("released %d online claims a previous start left SCORING", released);
        }
        this.vertx = vertx;
        vertx.setPeriodic(settings.pollEvery().toMillis(), id -> tickSoon());
    }

    /** Claims this replica stored fall due at {@code due}: look for due claims then, not only at the next poll. */
    public void wakeAt(Instant due) {
        Vertx timers = vertx;
        if (timers == null) {
            return;
        }
        long bucket = Math.floorDiv(due.toEpochMilli() + WAKE_STEP_MS - 1, WAKE_STEP_MS) * WAKE_STEP_MS;
        if (!wakeUps.add(bucket)) {
            return;
        }
        long delay = Math.max(1, bucket - System.currentTimeMillis());
        timers.setTimer(delay, id -> {
            wakeUps.remove(bucket);
            tickSoon();
        });
    }

    /** Ticks now, or right after the tick under way (so a wake-up during a tick is not lost). */
    private void tickSoon() {
        if (!ticking.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        tick().onTermination().invoke(() -> {
            ticking.set(false);
            if (again.get()) {
                tickSoon();
            }
        }).subscribe().with(done -> { }, e -> { });
    }

    Uni<Void> tick() {
        int free = settings.maxInFlight() - inFlight.get();
        long now = System.currentTimeMillis();
        Uni<Integer> extended = inFlight.get() > 0 && now - leasesExtendedAt >= settings.lease().toMillis() / 6
                ? claims.extendLeases(owner, settings.lease()).invoke(n -> leasesExtendedAt = now)
                : Uni.createFrom().item(0);
        if (free <= 0) {
            saturated.set(true);
            return extended.replaceWithVoid();
        }
        return extended.chain(() -> claims.claimDue(owner, settings.lease(), free)).invoke(due -> {
            saturated.set(due.size() == free);
            if (due.isEmpty()) {
                return;
            }
            inFlight.addAndGet(due.size());
            scorer.read(due).subscribe().with(batch -> {
                Set<OnlineClaim> unstored = Set.copyOf(scorer.unstored(due, batch));
                scorer.retryLater(List.copyOf(unstored), owner).subscribe().with(done -> released(unstored.size()));
                due.stream().filter(c -> !unstored.contains(c)).forEach(claim -> score(claim, batch));
            });
        }).onFailure().invoke(e -> Log.warnf("online claims not taken this time: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void score(OnlineClaim claim, OnlineTraceScorer.Batch batch) {
        scorer.score(claim, owner, batch).onTermination().invoke(() -> released(1)).subscribe().with(
                done -> { },
                e -> Log.warnf("online scoring of trace %s by %s ended with %s", claim.traceId(),
                        claim.scorerName(), e.toString()));
    }

    /** Claims this replica no longer holds: their slots are free, at once for more due claims if some were waiting. */
    private void released(int claims) {
        if (claims == 0) {
            return;
        }
        inFlight.addAndGet(-claims);
        if (saturated.get()) {
            tickSoon();
        }
    }
}
