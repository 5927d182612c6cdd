package dev.evalplane.judge.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Time that moves only when told; scheduled tasks run once their time has come. */
    static final class ManualClock implements AdaptiveLimiter.Clock {
        private long now = 1_000_000_000L;
        private final List<Map.Entry<Long, Runnable>> tasks = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void schedule(Runnable task, long delayNanos) {
            tasks.add(Map.entry(now + delayNanos, task));
        }

        void advance(Duration by) {
            now += by.toNanos();
            List<Map.Entry<Long, Runnable>> due = tasks.stream().filter(t -> t.getKey() <= now).toList();
            tasks.removeAll(due);
            due.forEach(t -> t.getValue().run());
        }
    }

    @Test
    void inAStormRetryAfterPausesNewCallsUntilItHasPassed() {
        ManualClock clock = new ManualClock();
        AdaptiveLimiter limiter = new AdaptiveLimiter(4, clock);
        for (int i = 0; i < AdaptiveLimiter.WINDOW / 2; i++) {
            limiter.onSuccess();
            limiter.onRateLimited(Duration.ofMillis(400));
        }
        UniAssertSubscriber<Void> waiting = limiter.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        waiting.assertNotTerminated();
        clock.advance(Duration.ofMillis(399));
        waiting.assertNotTerminated();
        clock.advance(Duration.ofMillis(1));
        waiting.assertCompleted();
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
    void backsOffOncePerRetryAfterWindow() {
        ManualClock clock = new ManualClock();
        AdaptiveLimiter honouring = new AdaptiveLimiter(16, clock);
        AdaptiveLimiter spaced = new AdaptiveLimiter(16, clock);
        honouring.onRateLimited(Duration.ofSeconds(5));
        spaced.onRateLimited(null);
        clock.advance(AdaptiveLimiter.DECREASE_SPACING);
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
