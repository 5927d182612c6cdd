package dev.evalplane.cost;

import java.math.BigDecimal;

import dev.evalplane.events.CostStatus;

/**
 * The cost of one LLM call. Costs are exact USD, null when not known: UNPRICED (unknown model), NO_USAGE, or the
 * part of a PARTIALLY_PRICED call whose token category has no rate. {@code totalCost} is set only when both parts are.
 */
public record PricedUsage(BigDecimal inputCost, BigDecimal outputCost, BigDecimal totalCost, CostStatus status,
        String resolvedModel, PriceSource source) {

    public static PricedUsage unpriced() {
        return new PricedUsage(null, null, null, CostStatus.UNPRICED, null, null);
    }

    public static PricedUsage noUsage() {
        return new PricedUsage(null, null, null, CostStatus.NO_USAGE, null, null);
    }
}
