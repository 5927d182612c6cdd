package dev.evalplane.events.http;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A client's trace info ({@code PUT /api/v1/traces/{trace_id}/info} on trace-service): what MLflow's client sends when
 * a trace starts or ends (StartTraceV3, written by the gateway), next to its spans. {@code state} OK, ERROR or
 * IN_PROGRESS; the path's trace id is the one that counts.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "A client's trace info (MLflow StartTraceV3)")
public record TraceInfoWrite(@Schema(description = "the path's trace id is used") String traceId, String experimentId,
        long requestTimeMs, Long executionDurationMs,
        @Schema(enumeration = { "OK", "ERROR", "IN_PROGRESS" }) String state, String requestPreview,
        String responsePreview, String clientRequestId, Map<String, String> tags, Map<String, String> traceMetadata) {

    public TraceInfoWrite withTraceId(String id) {
        return new TraceInfoWrite(id, experimentId, requestTimeMs, executionDurationMs, state, requestPreview,
                responsePreview, clientRequestId, tags, traceMetadata);
    }
}
