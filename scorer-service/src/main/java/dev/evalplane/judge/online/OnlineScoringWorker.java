package dev.evalplane.judge.online;

import java.time.Duration;
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
 * Every {@code poll-every}, takes due claims, at most {@code max-in-flight} at once on this replica, and scores them
 * (a Vert.x timer: the scheduler does not run more often than once a second); extends the leases of the
 * claims it holds on every tick, so only a replica that stopped (or was killed) loses them. At start it frees the
 * claims a previous process under the same name left SCORING.
 */
@ApplicationScoped
public class OnlineScoringWorker {

    private final OnlineClaimRepository claims;
    private final OnlineTraceScorer scorer;
    private final OnlineSettings settings;
    private final String owner;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean ticking = new AtomicBoolean();

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
        vertx.setPeriodic(settings.pollEvery().toMillis(), id -> {
            if (ticking.compareAndSet(false, true)) {
                tick().onTermination().invoke(() -> ticking.set(false)).subscribe().with(done -> { }, e -> { });
            }
        });
    }

    Uni<Void> tick() {
        int free = settings.maxInFlight() - inFlight.get();
        Uni<Integer> extended = inFlight.get() > 0 ? claims.extendLeases(owner, settings.lease())
                : Uni.createFrom().item(0);
        if (free <= 0) {
            return extended.replaceWithVoid();
        }
        return extended.chain(() -> claims.claimDue(owner, settings.lease(), free)).invoke(due -> due.forEach(claim -> {
            inFlight.incrementAndGet();
            scorer.score(claim, owner).onTermination().invoke(inFlight::decrementAndGet).subscribe().with(
                    done -> { },
                    e -> Log.warnf("online scoring of trace %s by %s ended with %s", claim.traceId(),
                            claim.scorerName(), e.toString()));
        })).onFailure().invoke(e -> Log.warnf("online claims not taken this time: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
