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
 * Bounds a run's concurrent provider calls with AIMD: a 429 halves the allowed concurrency (at most once per
 * {@link #DECREASE_SPACING}) and pauses new calls for the provider's {@code Retry-After}; each success adds
 * 1/limit, i.e. about one slot per window of successful calls, up to {@code max_concurrency}.
 * Non-blocking: {@link #acquire()} completes when a slot is free.
 */
public final class AdaptiveLimiter {

    static final Duration DECREASE_SPACING = Duration.ofMillis(500);

    private final int max;
    private final Deque<UniEmitter<? super Void>> waiters = new ArrayDeque<>();
    private double limit;
    private int inFlight;
    private long pausedUntil = System.nanoTime();
    private long lastDecrease = System.nanoTime() - DECREASE_SPACING.toNanos();
    private int decreases;

    public AdaptiveLimiter(int max) {
        this.max = Math.max(1, max);
        this.limit = this.max;
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
        limit = Math.min(max, limit + 1.0 / Math.max(1.0, limit));
    }

    /** A 429: halve the limit and hold new calls until {@code retryAfter} has passed. */
    public void onRateLimited(Duration retryAfter) {
        long now = System.nanoTime();
        long wakeAt = 0;
        synchronized (this) {
            if (now - lastDecrease >= DECREASE_SPACING.toNanos()) {
                limit = Math.max(1.0, limit / 2);
                lastDecrease = now;
                decreases++;
            }
            if (retryAfter != null && !retryAfter.isNegative() && now + retryAfter.toNanos() > pausedUntil) {
                pausedUntil = now + retryAfter.toNanos();
                wakeAt = pausedUntil;
            }
        }
        if (wakeAt != 0) {
            Infrastructure.getDefaultWorkerPool().schedule(this::drain, wakeAt - now, TimeUnit.NANOSECONDS);
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

    private void drain() {
        List<UniEmitter<? super Void>> granted = new ArrayList<>();
        synchronized (this) {
            if (System.nanoTime() < pausedUntil) {
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
