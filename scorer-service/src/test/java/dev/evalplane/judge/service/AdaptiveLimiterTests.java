package dev.evalplane.judge.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

class AdaptiveLimiterTests {

    @Test
    void grantsNoMoreThanTheLimitAtOnce() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(2);
        AtomicInteger granted = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            limiter.acquire().subscribe().with(x -> granted.incrementAndGet());
        }
        assertThat(granted).hasValue(2);
        limiter.release();
        assertThat(granted).hasValue(3);
    }

    @Test
    void rateLimitHalvesAndSuccessesRecoverAdditively() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(8);
        limiter.onRateLimited(null);
        assertThat(limiter.currentLimit()).isEqualTo(4);
        limiter.onRateLimited(null);
        assertThat(limiter.currentLimit()).as("a burst of 429s halves once").isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            limiter.onSuccess();
        }
        assertThat(limiter.currentLimit()).as("4 successes at limit 4: 4 + 1/4 + 1/4.25 + ... < 5").isEqualTo(4);
        limiter.onSuccess();
        assertThat(limiter.currentLimit()).as("about one slot per window of successes").isEqualTo(5);
        for (int i = 0; i < 100; i++) {
            limiter.onSuccess();
        }
        assertThat(limiter.currentLimit()).isEqualTo(8);
        assertThat(limiter.decreases()).isEqualTo(1);
    }

    @Test
    void inAStormRetryAfterPausesNewCallsUntilItHasPassed() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(4);
        for (int i = 0; i < AdaptiveLimiter.WINDOW / 2; i++) {
            limiter.onSuccess();
            limiter.onRateLimited(Duration.ofMillis(400));
        }
        long start = System.nanoTime();
        UniAssertSubscriber<Void> waiting = limiter.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        waiting.awaitItem(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
    }

    @Test
    void aStray429DoesNotHoldBackTheOtherCalls() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(4);
        for (int i = 0; i < 2 * AdaptiveLimiter.WINDOW; i++) {
            limiter.onSuccess();
            if (i % 4 == 0) {
                limiter.onRateLimited(Duration.ofSeconds(30));
            }
        }
        UniAssertSubscriber<Void> next = limiter.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        next.assertCompleted();
    }

    @Test
    void backsOffOncePerRetryAfterWindow() throws InterruptedException {
        AdaptiveLimiter honouring = new AdaptiveLimiter(16);
        AdaptiveLimiter spaced = new AdaptiveLimiter(16);
        honouring.onRateLimited(Duration.ofSeconds(5));
        spaced.onRateLimited(null);
        Thread.sleep(AdaptiveLimiter.DECREASE_SPACING.toMillis() + 100);
        honouring.onRateLimited(Duration.ofSeconds(5));
        spaced.onRateLimited(null);
        assertThat(honouring.decreases()).as("the second 429 came within Retry-After").isEqualTo(1);
        assertThat(honouring.currentLimit()).isEqualTo(8);
        assertThat(spaced.decreases()).isEqualTo(2);
        assertThat(spaced.currentLimit()).isEqualTo(4);
    }

    @Test
    void neverBelowOne() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(1);
        limiter.onRateLimited(null);
        assertThat(limiter.currentLimit()).isEqualTo(1);
    }
}
