package dev.evalplane.events.http;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/experiments/search}; {@code name} is an exact-name lookup. trace-service reads it; the gateway's
 * MLflow experiment routes write it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An experiment search, or an exact-name lookup")
public record ExperimentSearchRequest(@Schema(nullable = true) String name,
        @Schema(nullable = true) String filterString, @Schema(nullable = true) List<String> orderBy,
        @Schema(nullable = true) Integer maxResults, @Schema(nullable = true) String pageToken) {

    public static ExperimentSearchRequest byName(String name) {
        return new ExperimentSearchRequest(name, null, null, null, null);
    }
}
