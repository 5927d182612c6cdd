package dev.evalplane.gateway.mlflow.traces;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * MLflow's trace messages (service.proto, assessments.proto) in their JSON form: timestamps as RFC 3339 text,
 * durations as {@code "1.5s"}, spans as OpenTelemetry span messages.
 */
final class MlflowTraceMessages {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TraceInfoV3(String traceId, String clientRequestId, TraceLocation traceLocation, String requestPreview,
            String responsePreview, String requestTime, String executionDuration, String state,
            Map<String, String> traceMetadata, List<MlflowAssessment> assessments, Map<String, String> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TraceLocation(String type, ExperimentLocation mlflowExperiment) {

        static TraceLocation experiment(String experimentId) {
            return new TraceLocation("MLFLOW_EXPERIMENT", new ExperimentLocation(experimentId));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExperimentLocation(String experimentId) {
    }

    /** {@code Trace}: info and OpenTelemetry span messages. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MlflowTrace(TraceInfoV3 traceInfo, List<JsonNode> spans) {
    }

    record TraceResponse(MlflowTrace trace) {
    }

    record StartTraceV3(MlflowTrace trace) {
    }

    record TracesResponse(List<MlflowTrace> traces) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TraceInfosResponse(List<TraceInfoV3> traceInfos) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BatchGetTraceInfos(List<String> traceIds, List<String> experimentIds) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SearchTracesV3(List<TraceLocation> locations, String filter, Integer maxResults, List<String> orderBy,
            String pageToken) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchTracesResponse(List<TraceInfoV3> traces, String nextPageToken) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetTraceTag(String key, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeleteTraceTag(String key) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeleteTraces(String experimentId, Long maxTimestampMillis, Integer maxTraces, List<String> requestIds) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeleteTracesResponse(int tracesDeleted) {
    }

    /** {@code mlflow.assessments.Assessment}: exactly one of feedback and expectation. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MlflowAssessment(String assessmentId, String assessmentName, String traceId, String spanId,
            AssessmentSource source, String createTime, String lastUpdateTime, FeedbackValue feedback,
            ExpectationValue expectation, String rationale, AssessmentError error, Map<String, String> metadata,
            String overrides, Boolean valid) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AssessmentSource(String sourceType, String sourceId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AssessmentError(String errorCode, String errorMessage, String stackTrace) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FeedbackValue(JsonNode value, AssessmentError error) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExpectationValue(JsonNode value, SerializedValue serializedValue) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SerializedValue(String serializationFormat, String value) {
    }

    record AssessmentBody(MlflowAssessment assessment) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateAssessment(MlflowAssessment assessment, JsonNode updateMask) {
    }

    private MlflowTraceMessages() {
    }
}
