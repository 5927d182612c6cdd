package dev.evalplane.events.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** MLflow's TraceInfo: {@code request_time} is an ISO-8601 instant, {@code state} OK, ERROR or IN_PROGRESS. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A trace's info (MLflow's TraceInfo)")
public record TraceInfo(@Schema(description = "\"tr-\" + 32 hex") String traceId, String experimentId,
        @Schema(nullable = true) String clientRequestId,
        @Schema(description = "ISO-8601 instant of the root span's start") Instant requestTime,
        @Schema(nullable = true) Long executionDurationMs,
        @Schema(enumeration = { "OK", "ERROR", "IN_PROGRESS" }) String state,
        @Schema(nullable = true) String requestPreview, @Schema(nullable = true) String responsePreview,
        Map<String, String> traceMetadata, Map<String, String> tags, List<Assessment> assessments) {

    public TraceInfo withAssessments(List<Assessment> list) {
        return new TraceInfo(traceId, experimentId, clientRequestId, requestTime, executionDurationMs, state,
                requestPreview, responsePreview, traceMetadata, tags, list);
    }
}
