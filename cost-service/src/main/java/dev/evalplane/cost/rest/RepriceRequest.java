package dev.evalplane.cost.rest;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code POST /api/v1/prices/reprice} body: the traces to re-price, or none (or no body) for all of them. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RepriceRequest(List<String> traceIds) {
}
