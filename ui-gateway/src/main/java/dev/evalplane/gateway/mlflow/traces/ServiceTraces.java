package dev.evalplane.gateway.mlflow.traces;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** trace-service's own trace shapes (trace-service README), as the MLflow layer reads them. */
final class ServiceTraces {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Info(String traceId, String experimentId, String clientRequestId, Instant requestTime, Long executionDurationMs,
            String state, String requestPreview, String responsePreview, Map<String, String> traceMetadata,
            Map<String, String> tags, List<Assessment> assessments) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Span(String traceId, String spanId, String parentSpanId, String name, String spanType, long startTimeNs,
            long endTimeNs, Status status, JsonNode attributes, JsonNode inputs, JsonNode outputs, JsonNode events,
            JsonNode llm) {
    }

    record Status(String code, String message) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Assessment(String assessmentId, String traceId, String spanId, String name, String assessmentType,
            Source source, JsonNode value, String rationale, Error error, Map<String, String> metadata,
            long createTimeMs, long lastUpdateTimeMs, String overrides, Boolean valid) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Source(String sourceType, String sourceId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Error(String errorCode, String errorMessage) {
    }

    record Trace(Info info, List<Span> spans) {
    }

    record Traces(List<Trace> traces) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Page(List<Info> traces, String nextPageToken) {
    }

    record Deleted(int deleted) {
    }

    private ServiceTraces() {
    }
}
