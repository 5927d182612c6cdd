package dev.evalplane.gateway.mlflow.traces;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.http.TraceInfoWrite;
import dev.evalplane.gateway.mlflow.MlflowException;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.TraceInfoV3;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.TraceLocation;

/**
 * trace-service's trace info ↔ MLflow's TraceInfoV3. Every trace info evalplane answers carries tag
 * {@code mlflow.trace.spansLocation=TRACKING_STORE}: all spans are in trace-service, and without the tag the client
 * would upload spans as an artifact after StartTraceV3 and look for them in an artifact store when reading.
 */
final class TraceInfoMapping {

    static final String SPANS_LOCATION_TAG = "mlflow.trace.spansLocation";
    static final String TRACKING_STORE = "TRACKING_STORE";

    static TraceInfoV3 toMlflow(ServiceTraces.Info info, AssessmentMapping assessments) {
        return new TraceInfoV3(info.traceId(), info.clientRequestId(), TraceLocation.experiment(info.experimentId()),
                info.requestPreview(), info.responsePreview(),
                info.requestTime() == null ? null : info.requestTime().toString(),
                info.executionDurationMs() == null ? null : duration(info.executionDurationMs()), info.state(),
                info.traceMetadata() == null ? Map.of() : info.traceMetadata(),
                info.assessments() == null ? List.of() : info.assessments().stream().map(assessments::toMlflow).toList(),
                tags(info.tags()));
    }

    /** The stored tags and the spans location every evalplane trace has: the tracking store. */
    private static Map<String, String> tags(Map<String, String> stored) {
        Map<String, String> tags = new LinkedHashMap<>(stored == null ? Map.of() : stored);
        tags.put(SPANS_LOCATION_TAG, TRACKING_STORE);
        return tags;
    }

    /** The body of trace-service's {@code PUT /api/v1/traces/{id}/info} for a client's TraceInfoV3. */
    static TraceInfoWrite toService(TraceInfoV3 info) {
        if (info == null || info.traceId() == null || info.traceId().isEmpty()) {
            throw MlflowException.missing("trace.trace_info.trace_id");
        }
        String experimentId = info.traceLocation() == null || info.traceLocation().mlflowExperiment() == null
                ? null : info.traceLocation().mlflowExperiment().experimentId();
        if (experimentId == null || experimentId.isEmpty()) {
            throw MlflowException.invalidParameter("trace_location.mlflow_experiment.experiment_id is required: "
                    + "evalplane stores traces in MLflow experiments only");
        }
        Map<String, String> tags = new LinkedHashMap<>(info.tags() == null ? Map.of() : info.tags());
        tags.remove(SPANS_LOCATION_TAG);
        return new TraceInfoWrite(info.traceId(), experimentId, millis(info.requestTime()),
                info.executionDuration() == null ? null : durationMs(info.executionDuration()), state(info.state()),
                info.requestPreview(), info.responsePreview(), info.clientRequestId(), tags,
                info.traceMetadata() == null ? Map.of() : info.traceMetadata());
    }

    /** A protobuf Duration in JSON: seconds with up to 3 decimals and an "s". */
    static String duration(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    static long durationMs(String duration) {
        String text = duration.trim();
        if (!text.endsWith("s")) {
            throw MlflowException.invalidParameter("execution_duration must look like '1.5s', got '" + duration + "'");
        }
        try {
            return new BigDecimal(text.substring(0, text.length() - 1)).movePointRight(3).longValue();
        } catch (NumberFormatException e) {
            throw MlflowException.invalidParameter("execution_duration must look like '1.5s', got '" + duration + "'");
        }
    }

    static long millis(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            throw MlflowException.missing("trace.trace_info.request_time");
        }
        try {
            return Instant.parse(timestamp).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw MlflowException.invalidParameter("request_time must be an RFC 3339 timestamp, got '" + timestamp + "'");
        }
    }

    private static String state(String state) {
        if (state == null || state.isEmpty() || state.equals("STATE_UNSPECIFIED")) {
            return "OK";
        }
        return switch (state) {
            case "OK", "ERROR", "IN_PROGRESS" -> state;
            default -> throw MlflowException.invalidParameter("state must be OK, ERROR or IN_PROGRESS, got '" + state + "'");
        };
    }

    static JsonNode orNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private TraceInfoMapping() {
    }
}
