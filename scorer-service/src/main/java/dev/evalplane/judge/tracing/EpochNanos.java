package dev.evalplane.judge.tracing;

import java.time.Instant;

/** Wall-clock time in epoch nanoseconds, as span timestamps are. */
public final class EpochNanos {

    public static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private EpochNanos() {
    }
}
