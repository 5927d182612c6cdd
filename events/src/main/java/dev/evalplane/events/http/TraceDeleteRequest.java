package dev.evalplane.events.http;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/traces/delete}: {@code trace_ids}, or {@code experiment_id} with {@code max_timestamp_ms} (and
 * {@code max_traces}). trace-service reads it; the gateway's MLflow delete-traces writes it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The traces to delete: by id, or an experiment's up to a time")
public record TraceDeleteRequest(@Schema(nullable = true) List<String> traceIds,
        @Schema(nullable = true) String experimentId, @Schema(nullable = true) Long maxTimestampMs,
        @Schema(nullable = true) Integer maxTraces) {

    public static TraceDeleteRequest byIds(List<String> traceIds) {
        return new TraceDeleteRequest(traceIds, null, null, null);
    }
}
