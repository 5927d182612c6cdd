package dev.evalplane.judge.scorer.code;

import java.util.List;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.scorer.MissingInputException;

/**
 * {@code latency_threshold}: the trace took at most {@code max_ms} milliseconds (its execution duration, else its root
 * span's duration).
 */
final class LatencyThresholdCheck implements CodeCheck {

    static final String TYPE = "latency_threshold";

    private final long maxMs;

    private LatencyThresholdCheck(long maxMs) {
        this.maxMs = maxMs;
    }

    static LatencyThresholdCheck from(CheckParams params) {
        params.allow("max_ms");
        Long max = params.millis("max_ms");
        if (max == null) {
            throw params.bad("needs \"max_ms\"");
        }
        return new LatencyThresholdCheck(max);
    }

    @Override
    public boolean needsTrace() {
        return true;
    }

    @Override
    public List<CheckResult> apply(EvalRow row) {
        Long took = row.traceView().executionDurationMs();
        if (took == null) {
            throw new MissingInputException(TYPE + " needs the trace's duration, and this trace has no finished root span");
        }
        return List.of(CheckResult.pass(took <= maxMs, "the trace took " + took + " ms (threshold " + maxMs + " ms)"));
    }
}
