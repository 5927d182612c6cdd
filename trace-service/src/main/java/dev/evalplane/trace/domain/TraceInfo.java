package dev.evalplane.trace.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** MLflow's TraceInfo: {@code request_time} is an ISO-8601 instant, {@code state} OK, ERROR or IN_PROGRESS. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TraceInfo(String traceId, String experimentId, String clientRequestId, Instant requestTime,
        Long executionDurationMs, String state, String requestPreview, String responsePreview,
        Map<String, String> traceMetadata, Map<String, String> tags, List<Assessment> assessments) {

    public TraceInfo withAssessments(List<Assessment> list) {
        return new TraceInfo(traceId, experimentId, clientRequestId, requestTime, executionDurationMs, state,
                requestPreview, responsePreview, traceMetadata, tags, list);
    }
}
