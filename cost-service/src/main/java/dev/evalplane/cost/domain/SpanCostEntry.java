package dev.evalplane.cost.domain;

import dev.evalplane.events.SpanCost;
import dev.evalplane.events.TokenUsage;

/** One row of the per-span cost ledger ({@code costs.span_costs}), keyed by span id. */
public record SpanCostEntry(String traceId, String spanId, String provider, String model, TokenUsage usage,
        PricedUsage priced, String priceTableVersion) {

    public SpanCost toSpanCost() {
        return new SpanCost(spanId, provider, model, usage, priced.inputCost(), priced.outputCost(),
                priced.totalCost(), priced.status(), priced.pricedBy());
    }

    public SpanCostEntry repriced(PricedUsage newPricing, String newVersion) {
        return new SpanCostEntry(traceId, spanId, provider, model, usage, newPricing, newVersion);
    }
}
