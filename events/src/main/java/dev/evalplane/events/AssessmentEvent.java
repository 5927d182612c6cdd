package dev.evalplane.events;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Feedback or expectation on the {@code assessments} topic, keyed by the evaluated trace id. Judge feedback has
 * a deterministic {@code assessmentId} (same run, trace and scorer give the same id). {@code overrides} and
 * {@code valid} follow MLflow: a human correction points at the assessment it overrides, which becomes invalid.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssessmentEvent(int schemaVersion, String assessmentId, String traceId, String spanId, String name,
        String assessmentType, AssessmentSource source, JsonNode value, String rationale, AssessmentError error,
        Map<String, String> metadata, long createTimeMs, String overrides, Boolean valid) {

    public static final int SCHEMA_VERSION = 1;
    public static final String FEEDBACK = "FEEDBACK";
    public static final String EXPECTATION = "EXPECTATION";
}
