package dev.evalplane.cost.domain;

import java.math.BigDecimal;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.PricedBy;

/**
 * The cost of one LLM call. Costs are exact USD, null when not known: UNPRICED (unknown model), NO_USAGE, or the
 * part of a PARTIALLY_PRICED call whose token category has no rate. {@code totalCost} is set only when both parts are.
 * {@code resolvedModel}, {@code source} and {@code match} ({@link PricedBy}'s constants) name the entry that priced it.
 */
public record PricedUsage(BigDecimal inputCost, BigDecimal outputCost, BigDecimal totalCost, CostStatus status,
        String resolvedModel, PriceSource source, String match) {

    /** The entry that priced the call, null when none did. */
    public PricedBy pricedBy() {
        return resolvedModel == null ? null : new PricedBy(resolvedModel, source == null ? null : source.wireName(), match);
    }

    public static PricedUsage unpriced() {
        return new PricedUsage(null, null, null, CostStatus.UNPRICED, null, null, null);
    }

    public static PricedUsage noUsage() {
        return new PricedUsage(null, null, null, CostStatus.NO_USAGE, null, null, null);
    }
}
