package dev.evalplane.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import dev.evalplane.testsupport.FakeLlmReply;
import dev.evalplane.testsupport.FakeLlmRequest;

/**
 * When each judge request reached the fake provider (the moment its responder was asked, just before the fixed
 * latency), so a run's wall time splits into: POST -> first request, the request phase, last answer -> finished
 * status; and the request phase into how many requests the fake held at once (16 at every instant = the ideal).
 */
final class ProviderTimeline {

    private final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());

    /** The responder to give the fake: records the arrival, then answers as {@code replies} does. */
    Function<FakeLlmRequest, FakeLlmReply> recording(Function<FakeLlmRequest, FakeLlmReply> replies) {
        return request -> {
            arrivals.add(System.nanoTime());
            return replies.apply(request);
        };
    }

    void clear() {
        arrivals.clear();
    }

    /**
     * The split of one run: {@code startNanos} when the client POSTed, {@code endNanos} when it saw the run
     * finished, {@code latencyNanos} the fake's fixed latency.
     */
    String split(long startNanos, long endNanos, long latencyNanos, int concurrency) {
        List<Long> sorted;
        synchronized (arrivals) {
            sorted = new ArrayList<>(arrivals);
        }
        if (sorted.isEmpty()) {
            return "no provider requests";
        }
        Collections.sort(sorted);
        long first = sorted.get(0);
        long lastAnswer = sorted.get(sorted.size() - 1) + latencyNanos;
        long phase = lastAnswer - first;
        // time-weighted share of the request phase during which the fake held fewer than `concurrency` requests
        long step = 5_000_000;
        int below = 0;
        int samples = 0;
        double held = 0;
        int lo = 0;
        int hi = 0;
        for (long t = first; t < lastAnswer; t += step) {
            while (hi < sorted.size() && sorted.get(hi) <= t) {
                hi++;
            }
            while (lo < hi && sorted.get(lo) + latencyNanos <= t) {
                lo++;
            }
            int inFlight = hi - lo;
            held += inFlight;
            samples++;
            if (inFlight < concurrency) {
                below++;
            }
        }
        return String.format("POST -> first request %.0f ms; request phase %.0f ms (%d requests, ideal %.0f ms),"
                + " mean %.1f requests held by the fake, fewer than %d during %.0f%% of it; last answer -> finished"
                + " seen %.0f ms", (first - startNanos) / 1e6, phase / 1e6, sorted.size(),
                sorted.size() * latencyNanos / 1e6 / concurrency, held / Math.max(1, samples), concurrency,
                100.0 * below / Math.max(1, samples), (endNanos - lastAnswer) / 1e6);
    }
}
