package dev.evalplane.judge.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Read-only view of an evaluated trace in trace-service's {@code {info, spans}} shape (also a data row's own trace):
 * spans in start order, the root, spans by type, timings. Tolerates MLflow's span dict names
 * ({@code start_time_unix_nano}, {@code parent_id}).
 */
public final class TraceView {

    private final JsonNode trace;
    private final List<JsonNode> spans;

    private TraceView(JsonNode trace) {
        this.trace = trace;
        List<JsonNode> sorted = new ArrayList<>();
        trace.path("spans").forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(TraceView::startNs));
        this.spans = List.copyOf(sorted);
    }

    public static TraceView of(JsonNode trace) {
        return new TraceView(trace == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : trace);
    }

    public JsonNode json() {
        return trace;
    }

    public JsonNode info() {
        return trace.path("info");
    }

    public String traceId() {
        return info().path("trace_id").asText(spans.isEmpty() ? null : spans.get(0).path("trace_id").asText(null));
    }

    /** Every span, ordered by start time. */
    public List<JsonNode> spans() {
        return spans;
    }

    public Optional<JsonNode> span(String spanId) {
        return spans.stream().filter(s -> s.path("span_id").asText("").equals(spanId)).findFirst();
    }

    public Optional<JsonNode> root() {
        return spans.stream().filter(StoredSpans::isRoot).findFirst();
    }

    /** Spans of this type ({@code TOOL}, {@code RETRIEVER}, {@code AGENT}), in start order. */
    public List<JsonNode> ofType(String type) {
        return spans.stream().filter(s -> type.equals(StoredSpans.type(s))).toList();
    }

    /** {@code info.execution_duration_ms}, else the root span's duration; null when neither is known. */
    public Long executionDurationMs() {
        JsonNode stored = info().get("execution_duration_ms");
        if (stored != null && stored.isNumber()) {
            return stored.asLong();
        }
        return root().map(TraceView::durationMs).orElse(null);
    }

    public static long startNs(JsonNode span) {
        return span.path("start_time_ns").asLong(span.path("start_time_unix_nano").asLong(0));
    }

    public static long endNs(JsonNode span) {
        return span.path("end_time_ns").asLong(span.path("end_time_unix_nano").asLong(0));
    }

    /** The span's duration in milliseconds; null while it has no end time. */
    public static Long durationMs(JsonNode span) {
        long start = startNs(span);
        long end = endNs(span);
        return end <= 0 || end < start ? null : (end - start) / 1_000_000;
    }
}
