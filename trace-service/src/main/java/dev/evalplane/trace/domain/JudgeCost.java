package dev.evalplane.trace.domain;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Judge cost of a set of feedback: {@code total_cost} is exact and null unless every judge call is priced
 * ({@code cost_status} PRICED, or NO_USAGE when there was no judge call at all: then it is 0).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JudgeCost(BigDecimal totalCost, long inputTokens, long outputTokens, String costStatus) {
}
