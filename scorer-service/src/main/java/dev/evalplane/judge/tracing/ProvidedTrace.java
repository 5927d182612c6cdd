package dev.evalplane.judge.tracing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.Ids;
import dev.evalplane.events.LlmCall;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanStatus;

/**
 * A trace given with a data row ({@code data[i].trace = {spans: [...]}}, spans in trace-service's shape), cloned into
 * the run as the row's trace, as MLflow's harness clones a row's trace into the evaluation. Span ids are kept when
 * they are 16 hex digits (else derived), the trace id is the row trace's, the root gets {@code mlflow.sourceRun}.
 */
public final class ProvidedTrace {

    static final int MAX_SPANS = 2000;

    /** What is wrong with a provided trace; IllegalArgumentException whose message is the 400 detail. */
    public static void validate(JsonNode trace) {
        JsonNode spans = trace == null ? null : trace.get("spans");
        if (trace == null || !trace.isObject() || spans == null || !spans.isArray() || spans.isEmpty()
                || spans.size() > MAX_SPANS) {
            throw new IllegalArgumentException("must be an object {spans: [...]} with 1 to " + MAX_SPANS + " spans");
        }
        Set<String> ids = new HashSet<>();
        int roots = 0;
        for (int i = 0; i < spans.size(); i++) {
            JsonNode span = spans.get(i);
            if (!span.isObject() || !span.path("name").isTextual() || span.path("name").asText().isBlank()) {
                throw new IllegalArgumentException("spans[" + i + "] must be an object with a \"name\"");
            }
            String id = span.path("span_id").asText(null);
            if (id != null && (!id.matches("[0-9a-f]{16}") || !ids.add(id))) {
                throw new IllegalArgumentException("spans[" + i + "].span_id must be 16 lower-case hex digits, unique");
            }
            for (String time : List.of("start_time_ns", "end_time_ns")) {
                if (span.has(time) && (!span.get(time).canConvertToLong() || span.get(time).asLong() < 0)) {
                    throw new IllegalArgumentException("spans[" + i + "]." + time + " must be epoch nanoseconds");
                }
            }
            roots += StoredSpans.isRoot(span) ? 1 : 0;
        }
        if (roots != 1) {
            throw new IllegalArgumentException("must have exactly one root span (no parent_span_id), found " + roots);
        }
        for (int i = 0; i < spans.size(); i++) {
            String parent = StoredSpans.parent(spans.get(i));
            if (parent != null && !ids.contains(parent)) {
                throw new IllegalArgumentException("spans[" + i + "].parent_span_id " + parent + " is not a span of this trace");
            }
        }
    }

    /** The provided spans as this run's row trace {@code traceId}; the root carries the row's metadata. */
    public static List<SpanEvent> spans(JsonNode trace, String traceId, String experimentId, Map<String, String> metadata,
            JsonNode rowInputs, JsonNode rowOutputs, long nowNs) {
        List<SpanEvent> out = new ArrayList<>();
        JsonNode spans = trace.get("spans");
        for (int i = 0; i < spans.size(); i++) {
            JsonNode s = spans.get(i);
            boolean root = StoredSpans.isRoot(s);
            String type = StoredSpans.type(s) == null ? "UNKNOWN" : StoredSpans.type(s);
            long start = s.has("start_time_ns") ? s.get("start_time_ns").asLong() : nowNs;
            long end = s.has("end_time_ns") ? s.get("end_time_ns").asLong() : start;
            Map<String, JsonNode> attributes = new LinkedHashMap<>();
            s.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue()));
            attributes.put(MlflowKeys.SPAN_TYPE, SpanAttributes.NODES.textNode(type));
            List<JsonNode> events = new ArrayList<>();
            s.path("events").forEach(events::add);
            JsonNode inputs = root && !s.has("inputs") ? rowInputs : s.get("inputs");
            JsonNode outputs = root && !s.has("outputs") ? rowOutputs : s.get("outputs");
            out.add(new SpanEvent(SpanEvent.SCHEMA_VERSION, traceId, s.path("span_id").asText(Ids.spanId(traceId, "span",
                    String.valueOf(i))), StoredSpans.parent(s), s.get("name").asText(), type, start, end, status(s),
                    attributes, inputs, outputs, events, experimentId, root ? Map.of() : null, root ? metadata : null,
                    llm(s.get("llm"))));
        }
        return out;
    }

    private static SpanStatus status(JsonNode span) {
        JsonNode status = span.get("status");
        String code = status == null ? "OK" : status.isTextual() ? status.asText() : status.path("code").asText("OK");
        return "ERROR".equals(code) ? SpanStatus.error(status.path("message").asText(null))
                : new SpanStatus(code, null);
    }

    private static LlmCall llm(JsonNode llm) {
        if (llm == null || !llm.isObject()) {
            return null;
        }
        try {
            return EventJson.mapper().treeToValue(llm, LlmCall.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private ProvidedTrace() {
    }
}
