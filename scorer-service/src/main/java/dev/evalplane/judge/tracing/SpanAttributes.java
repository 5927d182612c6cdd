package dev.evalplane.judge.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.TokenUsage;

/** Builders for span attribute maps and the MLflow token usage JSON. */
final class SpanAttributes {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Map<String, JsonNode> ofType(String spanType) {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        attributes.put(MlflowKeys.SPAN_TYPE, NODES.textNode(spanType));
        return attributes;
    }

    /** {@code {input_tokens, output_tokens, total_tokens[, cache_read_input_tokens, cache_creation_input_tokens]}}. */
    static ObjectNode tokenUsage(TokenUsage usage) {
        ObjectNode node = NODES.objectNode();
        node.put("input_tokens", TokenUsage.orZero(usage.inputTokens()));
        node.put("output_tokens", TokenUsage.orZero(usage.outputTokens()));
        node.put("total_tokens", usage.total());
        if (usage.cacheReadInputTokens() != null) {
            node.put("cache_read_input_tokens", usage.cacheReadInputTokens());
        }
        if (usage.cacheCreationInputTokens() != null) {
            node.put("cache_creation_input_tokens", usage.cacheCreationInputTokens());
        }
        return node;
    }

    /** An OTel-style exception event. */
    static JsonNode exceptionEvent(String type, String message, long timeNs) {
        ObjectNode event = NODES.objectNode();
        event.put("name", "exception");
        event.put("time_unix_nano", timeNs);
        event.putObject("attributes").put("exception.type", type).put("exception.message", message);
        return event;
    }

    private SpanAttributes() {
    }
}
