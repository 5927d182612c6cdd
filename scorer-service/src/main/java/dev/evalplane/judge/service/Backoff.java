package dev.evalplane.judge.service;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.evalplane.judge.provider.ProviderException;

/**
 * Delay before retry {@code n} (0-based): the provider's {@code Retry-After} when given (capped, plus up to 10%
 * jitter so callers do not return in lockstep; never below 1 ms), else exponential {@code base * 2^n} capped at {@code max}, with equal
 * jitter (half fixed, half random).
 */
public record Backoff(Duration base, Duration max, Duration retryAfterMax) {

    public Duration delay(int n, ProviderException failure) {
        if (failure.retryAfter() != null) {
            long wait = Math.min(failure.retryAfter().toMillis(), retryAfterMax.toMillis());
            // at least 1 ms: Retry-After: 0 means "now", and a zero delay is not a delay Mutiny accepts
            return Duration.ofMillis(Math.max(1, wait + ThreadLocalRandom.current().nextLong(wait / 10 + 1)));
        }
        long exp = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(n, 20)));
        return Duration.ofMillis(exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1));
    }
}
