package dev.evalplane.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency percentiles (nearest rank) of a list of samples in nanoseconds, reported in milliseconds. */
public record Stats(int count, double p50, double p95, double p99, double max) {

    public static Stats ofNanos(List<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return new Stats(sorted.size(), ms(rank(sorted, 50)), ms(rank(sorted, 95)), ms(rank(sorted, 99)),
                ms(sorted.get(sorted.size() - 1)));
    }

    public static Stats ofMillis(List<Long> millis) {
        return ofNanos(millis.stream().map(m -> m * 1_000_000).toList());
    }

    private static long rank(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    @Override
    public String toString() {
        return String.format("n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", count, p50, p95, p99, max);
    }
}
