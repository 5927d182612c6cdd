package dev.evalplane.cost.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * A per-deployment price, from config ({@code evalplane.prices.overrides."model".*}) or from
 * {@code costs.price_overrides}. Rates use LiteLLM's field names; fields not set come from {@code baseModel}'s entry
 * when given, else from the entry of the same name below the override, if any.
 */
public record PriceOverride(String model, String litellmProvider, String baseModel, Map<String, BigDecimal> rates) {

    public PriceOverride {
        rates = rates == null ? Map.of() : Map.copyOf(new TreeMap<>(rates));
    }
}
