package dev.evalplane.cost.rest;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalplane.cost.ModelRates;
import dev.evalplane.cost.ResolvedPrice;
import dev.evalplane.cost.mapping.LiteLlmPriceReader;
import dev.evalplane.events.http.PriceView;

/** A resolved price as the API shows it ({@link PriceView}: rates under LiteLLM's field names). */
final class PriceViews {

    static PriceView of(ResolvedPrice resolved, String tableVersion) {
        List<PriceView.Tier> tiers = resolved.price().tiers().entrySet().stream()
                .map(t -> new PriceView.Tier(t.getKey(), rates(t.getValue()))).toList();
        return new PriceView(resolved.requestedModel(), resolved.requestedProvider(), resolved.price().key(),
                resolved.price().litellmProvider(), resolved.price().mode(), resolved.price().source().wireName(),
                resolved.match(), rates(resolved.price().base()), tiers, tableVersion);
    }

    static Map<String, BigDecimal> rates(ModelRates r) {
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        put(rates, LiteLlmPriceReader.INPUT, r.input());
        put(rates, LiteLlmPriceReader.OUTPUT, r.output());
        put(rates, LiteLlmPriceReader.REASONING, r.reasoning());
        put(rates, LiteLlmPriceReader.CACHE_READ, r.cacheRead());
        put(rates, LiteLlmPriceReader.CACHE_CREATION, r.cacheCreation());
        put(rates, LiteLlmPriceReader.CACHE_CREATION_1H, r.cacheCreation1h());
        return rates;
    }

    private static void put(Map<String, BigDecimal> rates, String field, BigDecimal value) {
        if (value != null) {
            rates.put(field, value);
        }
    }

    private PriceViews() {
    }
}
