package dev.evalplane.cost.service;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.TraceCostEvent;

/**
 * A trace's aggregate as JSON, written once: the content (version 0, no {@code computed_at}: what the content hash
 * covers) and, for a changed trace, the same text with its version and time set. Only those two values differ
 * between the two, so the versioned text is made from the content text (checked against the shape the mapper
 * writes; anything else is written again in full) instead of serializing the aggregate a second time.
 */
final class AggregateJson {

    private static final String VERSION_ZERO = ",\"version\":0,";
    private static final String NO_TIME = ",\"computed_at\":null}";

    private final ObjectMapper json;
    private final TraceCostEvent content;
    private final String text;

    AggregateJson(ObjectMapper json, TraceCostEvent content) {
        if (content.version() != 0 || content.computedAt() != null) {
            throw new IllegalArgumentException("content is version 0 without a time");
        }
        this.json = json;
        this.content = content;
        this.text = write(content);
    }

    /** The content's JSON (version 0, {@code computed_at} null). */
    String content() {
        return text;
    }

    /** The aggregate as version {@code version} computed at {@code at} ({@code at} written as JSON). */
    String versioned(long version, Instant at, String atJson) {
        String head = "{\"schema_version\":" + content.schemaVersion() + ",\"trace_id\":" + write(content.traceId())
                + VERSION_ZERO;
        if (!text.startsWith(head) || !text.endsWith(NO_TIME) || text.length() < head.length() + NO_TIME.length()) {
            return write(new TraceCostEvent(content.schemaVersion(), content.traceId(), version, content.inputTokens(),
                    content.outputTokens(), content.totalTokens(), content.cacheReadInputTokens(),
                    content.cacheCreationInputTokens(), content.reasoningTokens(), content.inputCost(),
                    content.outputCost(), content.totalCost(), content.costStatus(), content.unpricedModels(),
                    content.spans(), content.priceTableVersion(), at));
        }
        return head.substring(0, head.length() - VERSION_ZERO.length()) + ",\"version\":" + version + ","
                + text.substring(head.length(), text.length() - NO_TIME.length()) + ",\"computed_at\":" + atJson + "}";
    }

    /** An instant as the mapper writes it inside an aggregate. */
    static String instant(ObjectMapper json, Instant at) {
        try {
            return json.writeValueAsString(at);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
