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
 * Bounds a run's (or a provider key's) concurrent provider calls with AIMD whose increase depends on time, not on
 * successes, so slow calls do not slow the recovery:
 * <ul>
 * <li><b>Increase</b>: what one decrease can take (half of {@code max_concurrency}) comes back in one window of the
 * last decrease, linearly with the time since the last change, credited as calls succeed, up to
 * {@code max_concurrency}. A provider with a long {@code Retry-After} is approached slowly, one with a short one
 * quickly; how long the calls take does not matter.</li>
 * <li><b>Decrease</b>: a 429 lowers the limit at most once per window (the provider's {@code Retry-After}, at least
 * {@link #DECREASE_SPACING}): calls already in flight were sent at the old rate and their 429s say nothing new. It
 * halves the limit, but never below the concurrency the provider has just served (the time-average of successful
 * calls in flight over the last {@link #SERVED_PERIOD} or two, by Little's law): when the provider caps a rate,
 * that is the concurrency it accepts; when 429s come at random whatever the rate, halving would only lose calls.</li>
 * <li><b>Retry-After</b>: a rate-limited request always waits for its own {@code Retry-After} before its retry
 * ({@link JudgeCaller}); new calls wait too only in a storm, when at least {@link #STORM} of the last {@link #WINDOW}
 * calls were rate limited (the key's limit is exhausted), not for a share of stray 429s.</li>
 * </ul>
 * Non-blocking: {@link #acquire()} completes when a slot is free. Time comes from a {@link Clock} (tests drive it by
 * hand).
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
    static final Duration SERVED_PERIOD = Duration.ofSeconds(1);
    static final int WINDOW = 16;
    static final int STORM = 12;

    private final int max;
    private final Clock clock;
    private final Deque<UniEmitter<? super Void>> waiters = new ArrayDeque<>();
    private final boolean[] recent = new boolean[WINDOW];
    private int recorded;
    private int rateLimitedInWindow;
    private double limit;
    private int inFlight;
    private long pausedUntil;
    private long nextDecrease;
    private long lastChange;
    /** Time that adds one slot: two windows of the last decrease per {@code max_concurrency}. */
    private double nanosPerSlot;
    private int decreases;
    /** Successful call time (ns) that ended in the current and in the previous served period, and their starts. */
    private long served;
    private long servedBefore;
    private long periodStart;
    private long previousStart;

    public AdaptiveLimiter(int max) {
        this(max, Clock.SYSTEM);
    }

    public AdaptiveLimiter(int max, Clock clock) {
        this.max = Math.max(1, max);
        this.limit = this.max;
        this.clock = clock;
        long now = clock.nanoTime();
        this.pausedUntil = now;
        this.nextDecrease = now;
        this.lastChange = now;
        this.periodStart = now;
        this.previousStart = now;
        this.nanosPerSlot = 2.0 * DECREASE_SPACING.toNanos() / this.max;
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

    /** A call that took {@code took} succeeded: credits the time since the last change to the limit. */
    public void onSuccess(Duration took) {
        synchronized (this) {
            long now = clock.nanoTime();
            record(false);
            rollPeriod(now);
            served += Math.min(Math.max(0, took.toNanos()), now - previousStart);
            limit = Math.min(max, limit + (now - lastChange) / nanosPerSlot);
            lastChange = now;
        }
        drain();
    }

    /**
     * A 429: lower the limit (once per window) to half, but not below the concurrency just served, and, in a storm,
     * hold new calls until {@code retryAfter} has passed.
     */
    public void onRateLimited(Duration retryAfter) {
        long now = clock.nanoTime();
        long wait = retryAfter == null || retryAfter.isNegative() ? 0 : retryAfter.toNanos();
        long wakeAt = 0;
        synchronized (this) {
            record(true);
            rollPeriod(now);
            if (now - nextDecrease >= 0) {
                limit = Math.max(1.0, Math.max(limit / 2, Math.min(limit, served())));
                long window = Math.max(DECREASE_SPACING.toNanos(), wait);
                nextDecrease = now + window;
                nanosPerSlot = 2.0 * window / max;
                lastChange = now;
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

    /** The concurrency of successful calls over the current and the previous served period (Little's law). */
    private double served() {
        long span = clock.nanoTime() - previousStart;
        return span <= 0 ? 0 : (double) (served + servedBefore) / span;
    }

    private void rollPeriod(long now) {
        if (now - periodStart >= SERVED_PERIOD.toNanos()) {
            servedBefore = served;
            previousStart = periodStart;
            served = 0;
            periodStart = now;
        }
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
        return rateLimitedInWindow >= STORM;
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
