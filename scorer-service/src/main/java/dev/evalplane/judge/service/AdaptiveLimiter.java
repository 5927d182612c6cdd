package dev.evalplane.judge.service;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Bounds a run's concurrent provider calls with AIMD. A 429 halves the allowed concurrency, at most once per window
 * (the provider's {@code Retry-After}, at least {@link #DECREASE_SPACING}): calls already in flight were sent at the
 * old rate and their 429s say nothing new. Each success adds 1/limit, about one slot per window of successful calls,
 * up to {@code max_concurrency}. A rate-limited request always waits for its {@code Retry-After} before its retry
 * ({@link JudgeCaller}); new calls of the whole run wait too only in a storm, when at least half of the last
 * {@link #WINDOW} calls were rate limited (a key's limit is exhausted), not for a few stray 429s.
 * Non-blocking: {@link #acquire()} completes when a slot is free. Time comes from a {@link Clock} (tests drive it by hand).
 */
public final class AdaptiveLimiter {

    /** Monotonic nanoseconds and a way to run a task after a delay. */
    public interface Clock {
        long nanoTime();

        void schedule(Runnable task, long delayNanos);

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void schedule(Runnable task, long delayNanos) {
                Infrastructure.getDefaultWorkerPool().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    static final Duration DECREASE_SPACING = Duration.ofMillis(500);
    static final int WINDOW = 16;

    private final int max;
    private final Deque<UniEmitter<? super Void>> waiters = new ArrayDeque<>();
    private final boolean[] recent = new boolean[WINDOW];
    private int recorded;
    private int rateLimitedInWindow;
    private double limit;
    private int inFlight;
    private final Clock clock;
    private long pausedUntil;
    private long nextDecrease;
    private int decreases;

    public AdaptiveLimiter(int max) {
        this(max, Clock.SYSTEM);
    }

    public AdaptiveLimiter(int max, Clock clock) {
        this.max = Math.max(1, max);
        this.limit = this.max;
        this.clock = clock;
        this.pausedUntil = clock.nanoTime();
        this.nextDecrease = pausedUntil;
    }

    /** Completes when a call may start; pair every acquire with one {@link #release()}. */
    public Uni<Void> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                waiters.add(emitter);
            }
            drain();
        });
    }

    public void release() {
        synchronized (this) {
            inFlight--;
        }
        drain();
    }

    public synchronized void onSuccess() {
        record(false);
        limit = Math.min(max, limit + 1.0 / Math.max(1.0, limit));
    }

    /** A 429: halve the limit (once per window) and, in a storm, hold new calls until {@code retryAfter} has passed. */
    public void onRateLimited(Duration retryAfter) {
        long now = clock.nanoTime();
        long wait = retryAfter == null || retryAfter.isNegative() ? 0 : retryAfter.toNanos();
        long wakeAt = 0;
        synchronized (this) {
            record(true);
            if (now - nextDecrease >= 0) {
                limit = Math.max(1.0, limit / 2);
                nextDecrease = now + Math.max(DECREASE_SPACING.toNanos(), wait);
                decreases++;
            }
            if (wait > 0 && inStorm() && now + wait - pausedUntil > 0) {
                pausedUntil = now + wait;
                wakeAt = pausedUntil;
            }
        }
        if (wakeAt != 0) {
            clock.schedule(this::drain, wakeAt - now);
        }
    }

    /** Calls allowed at once now. */
    public synchronized int currentLimit() {
        return (int) Math.floor(limit);
    }

    /** How often a 429 made the limiter back off. */
    public synchronized int decreases() {
        return decreases;
    }

    private void record(boolean rateLimited) {
        int slot = recorded++ % WINDOW;
        if (recorded > WINDOW && recent[slot]) {
            rateLimitedInWindow--;
        }
        recent[slot] = rateLimited;
        if (rateLimited) {
            rateLimitedInWindow++;
        }
    }

    private boolean inStorm() {
        return 2 * rateLimitedInWindow >= WINDOW;
    }

    private void drain() {
        List<UniEmitter<? super Void>> granted = new ArrayList<>();
        synchronized (this) {
            if (clock.nanoTime() - pausedUntil < 0) {
                return;
            }
            while (!waiters.isEmpty() && inFlight < currentLimit()) {
                inFlight++;
                granted.add(waiters.poll());
            }
        }
        granted.forEach(emitter -> emitter.complete(null));
    }
}
