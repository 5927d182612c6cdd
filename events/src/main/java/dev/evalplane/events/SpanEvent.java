package dev.evalplane.events;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One span on the {@code spans} topic. Trace-level tags and metadata may ride on any span; the root span's are
 * authoritative. {@code llm} is filled by the producer for LLM calls.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SpanEvent(int schemaVersion, String traceId, String spanId, String parentSpanId, String name,
        String spanType, long startTimeNs, long endTimeNs, SpanStatus status, Map<String, JsonNode> attributes,
        JsonNode inputs, JsonNode outputs, List<JsonNode> events, String experimentId,
        Map<String, String> traceTags, Map<String, String> traceMetadata, LlmCall llm) {

    public static final int SCHEMA_VERSION = 1;

    @JsonIgnore
    public boolean isRoot() {
        return parentSpanId == null || parentSpanId.isEmpty();
    }

    @JsonIgnore
    public boolean hasUsage() {
        return llm != null && llm.usage() != null && !llm.usage().isEmpty();
    }
}
