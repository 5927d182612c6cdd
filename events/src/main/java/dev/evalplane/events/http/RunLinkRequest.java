package dev.evalplane.events.http;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/evaluations/{run_id}/links} on trace-service (service to service, MLflow's link-to-run through
 * the gateway): the traces to link into a run the MLflow client created.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "RunLinkRequest", description = "Traces to link into a client's run")
public record RunLinkRequest(List<String> traceIds) {
}
