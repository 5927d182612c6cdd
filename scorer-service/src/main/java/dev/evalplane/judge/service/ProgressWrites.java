package dev.evalplane.judge.service;

import java.time.Duration;

import dev.evalplane.judge.repository.RunRepository;
import io.quarkus.logging.Log;

/**
 * A run's progress in {@code scoring.runs}, written beside its rows instead of in their path: a finished row starts a
 * write unless one is in flight or one started less than {@link #SPACING} ago (the next row, or the run's final
 * write, carries what it skipped). Before, every row waited for its own UPDATE before the next row could start: one
 * write per row on the critical path, 100 for a 100-row run.
 */
final class ProgressWrites {

    static final Duration SPACING = Duration.ofMillis(250);

    private final RunContext ctx;
    private final RunRepository repository;
    private boolean inFlight;
    private long lastStart;
    private boolean started;

    ProgressWrites(RunContext ctx, RunRepository repository) {
        this.ctx = ctx;
        this.repository = repository;
    }

    void rowFinished() {
        long now = System.nanoTime();
        synchronized (this) {
            if (inFlight || started && now - lastStart < SPACING.toNanos()) {
                return;
            }
            inFlight = true;
            started = true;
            lastStart = now;
        }
        repository.progress(ctx.runId(), ctx.tracker().snapshot()).subscribe().with(done -> written(), e -> {
            Log.warnf("run %s: progress not saved: %s", ctx.runId(), e.getMessage());
            written();
        });
    }

    private synchronized void written() {
        inFlight = false;
    }
}
