package dev.evalplane.cost;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.LlmCall;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanStatus;
import dev.evalplane.events.TokenUsage;

/** Builds {@code spans} records as producers write them. */
public final class Spans {

    private Spans() {
    }

    public static SpanEvent llm(String traceId, String spanId, String parent, String provider, String model,
            TokenUsage usage) {
        return new SpanEvent(SpanEvent.SCHEMA_VERSION, traceId, spanId, parent, "chat " + model, "CHAT_MODEL",
                1_700_000_000_000_000_000L, 1_700_000_001_000_000_000L, new SpanStatus("OK", null), Map.of(), null,
                null, List.of(), "0", null, null, new LlmCall(provider, model, usage));
    }

    public static SpanEvent plain(String traceId, String spanId) {
        return new SpanEvent(SpanEvent.SCHEMA_VERSION, traceId, spanId, null, "root", "CHAIN",
                1_700_000_000_000_000_000L, 1_700_000_002_000_000_000L, new SpanStatus("OK", null), Map.of(), null,
                null, List.of(), "0", null, null, null);
    }

    public static TokenUsage usage(long input, long output, long cacheRead, long cacheWrite, long reasoning) {
        return new TokenUsage(input, output, input + output, cacheRead, cacheWrite, reasoning);
    }

    public static String json(SpanEvent span) {
        try {
            return EventJson.mapper().writeValueAsString(span);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
