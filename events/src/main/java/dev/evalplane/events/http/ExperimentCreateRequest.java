package dev.evalplane.events.http;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /api/v1/experiments}: trace-service reads it; the gateway's MLflow create-experiment writes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A new named experiment")
public record ExperimentCreateRequest(String name, @Schema(nullable = true) Map<String, String> tags) {
}
