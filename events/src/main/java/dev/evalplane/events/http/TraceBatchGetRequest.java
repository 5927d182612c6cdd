package dev.evalplane.events.http;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/traces/batch-get}: the traces to read with their spans. trace-service reads it; the gateway's
 * MLflow routes and scorer-service's {@code RowLoader} write it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "The trace ids to read")
public record TraceBatchGetRequest(List<String> traceIds) {
}
