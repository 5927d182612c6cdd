package dev.evalplane.trace.domain;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A client's trace info (PUT /api/v1/traces/{trace_id}/info): what MLflow's client sends when a trace ends, next to
 * its spans. {@code state} OK, ERROR or IN_PROGRESS.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TraceInfoWrite(String traceId, String experimentId, long requestTimeMs, Long executionDurationMs,
        String state, String requestPreview, String responsePreview, String clientRequestId, Map<String, String> tags,
        Map<String, String> traceMetadata) {

    public TraceInfoWrite withTraceId(String id) {
        return new TraceInfoWrite(id, experimentId, requestTimeMs, executionDurationMs, state, requestPreview,
                responsePreview, clientRequestId, tags, traceMetadata);
    }
}
