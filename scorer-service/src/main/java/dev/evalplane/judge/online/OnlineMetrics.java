package dev.evalplane.judge.online;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Online scoring metrics: traces scored, skipped for budget, failed, and the time from trace completion (root span
 * end) to feedback sent ({@code evalplane_online_feedback_delay_seconds}). The backlog gauge is in
 * {@link StartedConfigs}; Kafka consumer lag of group {@code scorer-service-online} comes from the Kafka binder.
 */
@ApplicationScoped
public class OnlineMetrics {

    private final Counter scored;
    private final Counter skippedForBudget;
    private final Counter failed;
    private final Timer delay;

    public OnlineMetrics(MeterRegistry registry) {
        this.scored = Counter.builder("evalplane.online.scored").description("traces scored online").register(registry);
        this.skippedForBudget = Counter.builder("evalplane.online.skipped.budget")
                .description("traces not scored: daily budget reached").register(registry);
        this.failed = Counter.builder("evalplane.online.failed").description("traces that could not be scored")
                .register(registry);
        this.delay = Timer.builder("evalplane.online.feedback.delay")
                .description("trace completion (root span end) to feedback sent").publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** A trace scored; {@code live} when it completed after its scorer started (a backfilled one has no delay). */
    void scored(Instant completedAt, boolean live) {
        scored.increment();
        if (live) {
            delay.record(Duration.between(completedAt, Instant.now()));
        }
    }

    void skippedForBudget() {
        skippedForBudget.increment();
    }

    void failed() {
        failed.increment();
    }
}
