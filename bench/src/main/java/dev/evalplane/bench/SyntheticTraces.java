package dev.evalplane.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.Ids;
import dev.evalplane.events.LlmCall;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanStatus;
import dev.evalplane.events.TokenUsage;

/**
 * Application traces as an instrumented agent would send them: a CHAIN root, then LLM calls (priced model, with
 * usage) and TOOL spans. Ids are derived from a name and an index, so a test knows every id it sent.
 */
public final class SyntheticTraces {

    public static final String PROVIDER = "openai";
    public static final String MODEL = "gpt-4.1-mini";
    private static final long BASE_NS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    private SyntheticTraces() {
    }

    public static String traceId(String name, int index) {
        return Ids.traceId("bench", name, String.valueOf(index));
    }

    /** Input tokens of the LLM call {@code s} of trace {@code t}: varied, reproducible. */
    public static long inputTokens(int t, int s) {
        return 200 + (t * 31L + s * 7L) % 1800;
    }

    public static long outputTokens(int t, int s) {
        return 20 + (t * 13L + s * 3L) % 400;
    }

    /**
     * Trace {@code t} of a set: {@code spans} spans of which {@code llmSpans} are LLM calls (spans 1..llmSpans).
     */
    public static List<SpanEvent> trace(String name, int t, int spans, int llmSpans) {
        return trace(name, t, spans, llmSpans, "bench");
    }

    /** The same trace in experiment {@code experimentId}. */
    public static List<SpanEvent> trace(String name, int t, int spans, int llmSpans, String experimentId) {
        String traceId = traceId(name, t);
        String rootId = Ids.spanId(traceId, "root");
        long start = BASE_NS + t * 1_000_000_000L;
        List<SpanEvent> result = new ArrayList<>(spans);
        Map<String, String> metadata = Map.of("bench.set", name);
        result.add(new SpanEvent(SpanEvent.SCHEMA_VERSION, traceId, rootId, null, "agent", "CHAIN", start,
                start + 900_000_000L, SpanStatus.OK, attributes("CHAIN", t), text("question " + t + " from " + name),
                text("answer " + t), List.of(), experimentId, Map.of("team", "bench"), metadata, null));
        for (int s = 1; s < spans; s++) {
            long spanStart = start + s * 1_000_000L;
            boolean llm = s <= llmSpans;
            String type = llm ? "LLM" : "TOOL";
            LlmCall call = llm ? new LlmCall(PROVIDER, MODEL, TokenUsage.of(inputTokens(t, s), outputTokens(t, s)))
                    : null;
            result.add(new SpanEvent(SpanEvent.SCHEMA_VERSION, traceId, Ids.spanId(traceId, "span", String.valueOf(s)),
                    rootId, llm ? "chat" : "lookup", type, spanStart, spanStart + 800_000L, SpanStatus.OK,
                    attributes(type, s), text("input of span " + s), text("output of span " + s), List.of(), experimentId,
                    null, null, call));
        }
        return result;
    }

    private static Map<String, JsonNode> attributes(String type, int n) {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        attributes.put(MlflowKeys.SPAN_TYPE, TextNode.valueOf(type));
        attributes.put("bench.index", JsonNodeFactory.instance.numberNode(n));
        attributes.put("bench.note", TextNode.valueOf("synthetic span used by the evalplane benchmarks and fault tests"));
        return attributes;
    }

    private static JsonNode text(String value) {
        return TextNode.valueOf(value);
    }

    /** An event record as its wire JSON. */
    public static String json(Object event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
