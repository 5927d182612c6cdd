package dev.evalplane.trace.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.events.SpanStatus;

/** A stored span, in the SpanEvent shape; {@code attributes} carries {@code mlflow.llm.cost} once priced. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Span(String traceId, String spanId, String parentSpanId, String name, String spanType, long startTimeNs,
        long endTimeNs, SpanStatus status, JsonNode attributes, JsonNode inputs, JsonNode outputs, JsonNode events,
        JsonNode llm) {
}
