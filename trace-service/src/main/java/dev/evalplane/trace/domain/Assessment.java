package dev.evalplane.trace.domain;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.events.AssessmentSource;

/**
 * A stored feedback or expectation as the API shows it: the AssessmentEvent shape plus {@code last_update_time_ms}
 * and {@code valid}. {@code metadata} already carries the judge cost of the judge trace when it is known.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Assessment(String assessmentId, String traceId, String spanId, String name, String assessmentType,
        AssessmentSource source, JsonNode value, String rationale, JsonNode error, Map<String, String> metadata,
        long createTimeMs, long lastUpdateTimeMs, String overrides, boolean valid) {
}
