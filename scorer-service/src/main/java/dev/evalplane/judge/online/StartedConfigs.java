package dev.evalplane.judge.online;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The STARTED configs by experiment, re-read every second (and at once after a change
 * through this replica), and the online backlog (claims not finished), exported as {@code evalplane_online_backlog}.
 */
@ApplicationScoped
public class StartedConfigs {

    private final OnlineConfigRepository configs;
    private final OnlineClaimRepository claims;
    private volatile Map<String, List<OnlineConfig>> byExperiment = Map.of();
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean loaded;

    public StartedConfigs(OnlineConfigRepository configs, OnlineClaimRepository claims, MeterRegistry registry) {
        this.configs = configs;
        this.claims = claims;
        Gauge.builder("evalplane.online.backlog", this, s -> s.backlog.get())
                .description("online scoring claims not finished (PENDING or SCORING)").register(registry);
    }

    /** The started configs of an experiment (empty when none). */
    public List<OnlineConfig> of(String experimentId) {
        return byExperiment.getOrDefault(experimentId, List.of());
    }

    /** Whether the configs were read at least once (before that, nothing may be concluded from an empty map). */
    public boolean loaded() {
        return loaded;
    }

    public boolean any() {
        return !byExperiment.isEmpty();
    }

    public long backlog() {
        return backlog.get();
    }

    /**
     * Counts claims this replica just stored into the backlog at once, so that the consumer's next batch sees them
     * without waiting for the next read of the table (which then replaces the count with the truth).
     */
    public void claimed(int count) {
        backlog.addAndGet(count);
    }

    @Scheduled(identity = "online-configs", every = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshOnSchedule() {
        return refresh().chain(() -> claims.backlog()).invoke(backlog::set)
                .onFailure().invoke(e -> Log.warnf("online configs not re-read this time: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Void> refresh() {
        return configs.started().invoke(list -> {
            Map<String, List<OnlineConfig>> next = new HashMap<>();
            for (OnlineConfig c : list) {
                next.computeIfAbsent(c.experimentId(), k -> new ArrayList<>()).add(c);
            }
            byExperiment = next;
            loaded = true;
        }).replaceWithVoid();
    }
}
