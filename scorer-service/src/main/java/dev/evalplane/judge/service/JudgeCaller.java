package dev.evalplane.judge.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.evalplane.judge.config.JudgeConfig;
import dev.evalplane.judge.metrics.JudgeMetrics;
import dev.evalplane.judge.provider.ChatRequest;
import dev.evalplane.judge.provider.ChatResponse;
import dev.evalplane.judge.provider.LlmAttempt;
import dev.evalplane.judge.provider.LlmProvider;
import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.provider.ProviderException;
import dev.evalplane.judge.tracing.EpochNanos;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Calls a provider under the run's {@link AdaptiveLimiter}, retrying 5xx, timeouts and connection failures up to
 * {@code max-retries} times and 429 up to {@code max-rate-limited-retries} times, with {@link Backoff} (honouring
 * {@code Retry-After}); a slot is held only while a request is in flight, never
 * during a backoff. Records every attempt, so each becomes an LLM span. Never fails: the outcome says what happened.
 */
@ApplicationScoped
public class JudgeCaller {

    private final int maxRetries;
    private final int maxRateLimitedRetries;
    private final Backoff backoff;
    private final JudgeMetrics metrics;

    @Inject
    public JudgeCaller(JudgeConfig config, JudgeMetrics metrics) {
        this(config.maxRetries(), Math.max(config.maxRetries(), config.maxRateLimitedRetries()),
                new Backoff(config.backoffBase(), config.backoffMax(), config.retryAfterMax()), metrics);
    }

    JudgeCaller(int maxRetries, Backoff backoff) {
        this(maxRetries, maxRetries, backoff, JudgeMetrics.DETACHED);
    }

    JudgeCaller(int maxRetries, int maxRateLimitedRetries, Backoff backoff) {
        this(maxRetries, maxRateLimitedRetries, backoff, JudgeMetrics.DETACHED);
    }

    private JudgeCaller(int maxRetries, int maxRateLimitedRetries, Backoff backoff, JudgeMetrics metrics) {
        this.maxRetries = maxRetries;
        this.maxRateLimitedRetries = maxRateLimitedRetries;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    public Uni<CallResult> call(AdaptiveLimiter limiter, LlmProvider provider, ModelUri model, ChatRequest request) {
        return call(limiter, provider, model, request, 0);
    }

    /** One call (with its retries) of an agent judge's round {@code round}. */
    public Uni<CallResult> call(AdaptiveLimiter limiter, LlmProvider provider, ModelUri model, ChatRequest request,
            int round) {
        List<LlmAttempt> attempts = Collections.synchronizedList(new ArrayList<>());
        return attempt(0, round, limiter, provider, model, request, attempts)
                .map(response -> new CallResult(response, null, List.copyOf(attempts)))
                .onFailure().recoverWithItem(e -> new CallResult(null, ProviderException.from(e), List.copyOf(attempts)));
    }

    private Uni<ChatResponse> attempt(int n, int round, AdaptiveLimiter limiter, LlmProvider provider, ModelUri model,
            ChatRequest request, List<LlmAttempt> attempts) {
        return limiter.acquire().chain(() -> {
            long start = EpochNanos.now();
            return Uni.createFrom().deferred(() -> provider.chat(model.model(), request))
                    .onItem().invoke(response -> {
                        long end = EpochNanos.now();
                        attempts.add(record(new LlmAttempt(n, provider.name(), model.model(), request, start, end,
                                response, null, round)));
                        limiter.onSuccess(Duration.ofNanos(end - start));
                    })
                    .onFailure().transform(ProviderException::from)
                    .onFailure().invoke(e -> {
                        ProviderException failure = (ProviderException) e;
                        attempts.add(record(new LlmAttempt(n, provider.name(), model.model(), request, start,
                                EpochNanos.now(), null, failure, round)));
                        if (failure.isRateLimited()) {
                            limiter.onRateLimited(failure.retryAfter());
                        }
                    })
                    .onTermination().invoke(limiter::release);
        }).onFailure(e -> retriesAllowed(ProviderException.from(e)) > n)
                .recoverWithUni(e -> Uni.createFrom().voidItem().onItem()
                        .delayIt().by(backoff.delay(n, ProviderException.from(e)))
                        .chain(() -> attempt(n + 1, round, limiter, provider, model, request, attempts)));
    }

    /** How many retries a call may have used when it fails this way: none unless the failure is retryable. */
    private int retriesAllowed(ProviderException failure) {
        if (!failure.retryable()) {
            return 0;
        }
        return failure.isRateLimited() ? maxRateLimitedRetries : maxRetries;
    }

    private LlmAttempt record(LlmAttempt attempt) {
        metrics.record(attempt);
        return attempt;
    }
}
