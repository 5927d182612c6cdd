package dev.evalplane.cost.service;

import dev.evalplane.cost.domain.PriceTable;
import dev.evalplane.cost.domain.PricedUsage;
import dev.evalplane.cost.domain.ResolvedPrice;
import dev.evalplane.cost.domain.SpanCostEntry;
import dev.evalplane.events.LlmCall;
import dev.evalplane.events.SpanEvent;

/** Prices a span's {@code llm} block (or a stored ledger row) against one price table. */
public final class SpanPricer {

    private SpanPricer() {
    }

    public static SpanCostEntry price(SpanEvent span, PriceTable table) {
        LlmCall llm = span.llm();
        PricedUsage priced = price(table, llm.provider(), llm.model(), llm);
        return new SpanCostEntry(span.traceId(), span.spanId(), llm.provider(), llm.model(), llm.usage(), priced,
                table.version());
    }

    public static SpanCostEntry reprice(SpanCostEntry entry, PriceTable table) {
        LlmCall llm = new LlmCall(entry.provider(), entry.model(), entry.usage());
        return entry.repriced(price(table, entry.provider(), entry.model(), llm), table.version());
    }

    private static PricedUsage price(PriceTable table, String provider, String model, LlmCall llm) {
        ResolvedPrice resolved = ModelNameResolver.resolve(table, provider, model).orElse(null);
        return CostCalculator.price(resolved, llm.usage());
    }
}
