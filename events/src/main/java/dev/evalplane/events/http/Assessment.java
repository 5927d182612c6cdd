package dev.evalplane.events.http;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.events.AssessmentSource;

/**
 * A stored feedback or expectation as trace-service's API shows it: the AssessmentEvent shape plus
 * {@code last_update_time_ms} and {@code valid}. {@code metadata} already carries the judge cost of the judge trace
 * when it is known.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A feedback or expectation on a trace")
public record Assessment(String assessmentId, String traceId,
        @Schema(nullable = true, description = "the span it is about; null for the whole trace") String spanId,
        String name,
        @Schema(enumeration = { "FEEDBACK", "EXPECTATION" }) String assessmentType,
        AssessmentSource source,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, nullable = true,
                description = "any JSON value") JsonNode value,
        @Schema(nullable = true) String rationale,
        @Schema(nullable = true, description = "{error_code, error_message} of a failed judge") JsonNode error,
        @Schema(description = "string values; mlflow.assessment.judgeCost etc. for judge feedback")
        Map<String, String> metadata,
        long createTimeMs, long lastUpdateTimeMs,
        @Schema(nullable = true, description = "the assessment this one overrides") String overrides,
        @Schema(description = "false once another assessment overrides it") boolean valid) {
}
