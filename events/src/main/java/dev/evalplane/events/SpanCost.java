package dev.evalplane.events;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The priced cost of one LLM span inside a {@link TraceCostEvent}. Costs are null when not known; {@code pricedBy} is
 * null when no entry priced the span (UNPRICED, NO_USAGE) and in records written before it existed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SpanCost(String spanId, String provider, String model, TokenUsage usage, BigDecimal inputCost,
        BigDecimal outputCost, BigDecimal totalCost, CostStatus costStatus, PricedBy pricedBy) {
}
