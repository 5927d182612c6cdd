package dev.evalplane.judge.scorer.code;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.tracing.StoredSpans;
import dev.evalplane.judge.tracing.TraceView;

/**
 * {@code per_stage_latency}: one feedback {@code <scorer>/<span name>} per stage (the spans below the root, grouped by
 * name, durations summed), on the stage's first span. With a threshold ({@code thresholds_ms} by name, else
 * {@code default_threshold_ms}) the value is pass/fail; without one it is the duration in milliseconds.
 * {@code span_types} limits the stages to those types.
 */
final class PerStageLatencyCheck implements CodeCheck {

    static final String TYPE = "per_stage_latency";

    private final Map<String, Long> thresholds;
    private final Long defaultThreshold;
    private final List<String> spanTypes;

    private PerStageLatencyCheck(Map<String, Long> thresholds, Long defaultThreshold, List<String> spanTypes) {
        this.thresholds = thresholds;
        this.defaultThreshold = defaultThreshold;
        this.spanTypes = spanTypes;
    }

    static PerStageLatencyCheck from(CheckParams params) {
        params.allow("thresholds_ms", "default_threshold_ms", "span_types");
        return new PerStageLatencyCheck(params.millisByName("thresholds_ms"), params.millis("default_threshold_ms"),
                params.texts("span_types"));
    }

    @Override
    public boolean needsTrace() {
        return true;
    }

    @Override
    public List<CheckResult> apply(EvalRow row) {
        Map<String, long[]> stages = new LinkedHashMap<>();
        Map<String, String> firstSpan = new LinkedHashMap<>();
        for (JsonNode span : row.traceView().spans()) {
            if (StoredSpans.isRoot(span) || (spanTypes != null && !spanTypes.contains(StoredSpans.type(span)))) {
                continue;
            }
            String name = span.path("name").asText();
            Long ms = TraceView.durationMs(span);
            long[] acc = stages.computeIfAbsent(name, n -> new long[2]);
            acc[0] += ms == null ? 0 : ms;
            acc[1]++;
            firstSpan.putIfAbsent(name, span.path("span_id").asText(null));
        }
        List<CheckResult> results = new ArrayList<>();
        stages.forEach((name, acc) -> {
            Long threshold = thresholds.getOrDefault(name, defaultThreshold);
            String took = name + " took " + acc[0] + " ms" + (acc[1] > 1 ? " over " + acc[1] + " spans" : "");
            JsonNode value = threshold == null ? LongNode.valueOf(acc[0]) : BooleanNode.valueOf(acc[0] <= threshold);
            results.add(new CheckResult(suffix(name), firstSpan.get(name), value,
                    threshold == null ? took + " (no threshold)" : took + " (threshold " + threshold + " ms)"));
        });
        return results;
    }

    /** Assessment names cannot contain '.', so span names like {@code openai.chat} become {@code openai_chat}. */
    static String suffix(String spanName) {
        String clean = spanName.replace('.', '_').strip();
        return clean.isEmpty() ? "unnamed" : clean.length() > 80 ? clean.substring(0, 80) : clean;
    }
}
