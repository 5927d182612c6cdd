package dev.evalplane.cost.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.events.http.Storable;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/v1/prices/reprice} body: the traces to re-price, or none (or no body) for all of them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Storable
@Schema(description = "The traces to re-price; no body, or no trace_ids, re-prices every stored trace")
public record RepriceRequest(
        @Schema(nullable = true) List<@NotNull(message = "must be a trace id, got null") String> traceIds) {
}
