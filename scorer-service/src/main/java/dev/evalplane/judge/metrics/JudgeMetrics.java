package dev.evalplane.judge.metrics;

import java.util.concurrent.TimeUnit;

import dev.evalplane.events.TokenUsage;
import dev.evalplane.judge.provider.LlmAttempt;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prometheus counters of the judges at {@code /q/metrics}: provider requests by outcome, their latency, and the
 * tokens they used ({@code evalplane_judge_requests_total}, {@code evalplane_judge_request_duration_seconds},
 * {@code evalplane_judge_tokens_total}). Cost is counted where it is known, in cost-service.
 */
@ApplicationScoped
public class JudgeMetrics {

    /** For code that runs without CDI (unit tests): counts into a registry nobody reads. */
    public static final JudgeMetrics DETACHED = new JudgeMetrics(new SimpleMeterRegistry());

    private final MeterRegistry registry;

    public JudgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(LlmAttempt attempt) {
        String outcome = attempt.succeeded() ? "ok" : attempt.error().isRateLimited() ? "rate_limited" : "error";
        registry.counter("evalplane.judge.requests", "provider", attempt.provider(), "outcome", outcome).increment();
        registry.timer("evalplane.judge.request.duration", "provider", attempt.provider())
                .record(attempt.endNs() - attempt.startNs(), TimeUnit.NANOSECONDS);
        if (attempt.succeeded() && attempt.response().usage() != null) {
            TokenUsage usage = attempt.response().usage();
            tokens(attempt, "input", usage.inputTokens());
            tokens(attempt, "output", usage.outputTokens());
        }
    }

    private void tokens(LlmAttempt attempt, String direction, Long count) {
        if (count != null && count > 0) {
            registry.counter("evalplane.judge.tokens", "provider", attempt.provider(), "model", attempt.model(),
                    "direction", direction).increment(count);
        }
    }
}
