package dev.evalplane.events.http;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.events.SpanStatus;

/** A stored span, in the SpanEvent shape; {@code attributes} carries {@code mlflow.llm.cost} once priced. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A stored span, in the SpanEvent shape")
public record Span(String traceId, String spanId, @Schema(nullable = true) String parentSpanId, String name,
        @Schema(description = "LLM, CHAT_MODEL, TOOL, RETRIEVER, AGENT, CHAIN, EVALUATOR, UNKNOWN, ...") String spanType,
        long startTimeNs, long endTimeNs, SpanStatus status,
        @Schema(type = SchemaType.OBJECT, description = "attribute name to any JSON value") JsonNode attributes,
        @Schema(nullable = true, description = "any JSON value") JsonNode inputs,
        @Schema(nullable = true, description = "any JSON value") JsonNode outputs,
        @Schema(type = SchemaType.ARRAY, description = "span events") JsonNode events,
        @Schema(type = SchemaType.OBJECT, nullable = true,
                description = "{provider, model, usage} of an LLM call (SpanEvent's llm block)") JsonNode llm) {
}
