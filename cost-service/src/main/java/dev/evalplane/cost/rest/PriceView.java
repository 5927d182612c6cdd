package dev.evalplane.cost.rest;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.cost.domain.ModelRates;
import dev.evalplane.cost.domain.PriceSource;
import dev.evalplane.cost.domain.ResolvedPrice;
import dev.evalplane.cost.mapping.LiteLlmPriceReader;

/**
 * {@code GET /api/v1/prices}: how a model name resolved ({@code match}: PROVIDER_AND_MODEL, or MODEL_NAME when the
 * provider has no such model and the name alone named one entry), its rates (USD per token, LiteLLM names) and source.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PriceView(String model, String provider, String resolvedModel, String litellmProvider, String mode,
        PriceSource source, String match, Map<String, BigDecimal> rates, List<Tier> tiers, String priceTableVersion) {

    /** Rates that apply once a request's input tokens exceed {@code aboveInputTokens}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tier(long aboveInputTokens, Map<String, BigDecimal> rates) {
    }

    public static PriceView of(ResolvedPrice resolved, String tableVersion) {
        List<Tier> tiers = resolved.price().tiers().entrySet().stream()
                .map(t -> new Tier(t.getKey(), rates(t.getValue()))).toList();
        return new PriceView(resolved.requestedModel(), resolved.requestedProvider(), resolved.price().key(),
                resolved.price().litellmProvider(), resolved.price().mode(), resolved.price().source(),
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
}
