package dev.evalplane.cost.domain;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One model's entry in the price table: base rates and input-size tiers (LiteLLM's {@code *_above_200k_tokens}).
 * Once a request's input tokens exceed a tier's threshold, every token of the request is billed at that tier's rates
 * (the whole-request rule of Anthropic and Gemini); a rate the tier does not set falls back to the base rate, and a
 * tier without a reasoning rate bills reasoning at the base reasoning rate, else at the tier's output rate (LiteLLM).
 *
 * @param key the table key, lower case (e.g. {@code gemini/gemini-2.5-pro})
 * @param litellmProvider LiteLLM's provider of the entry, null when any provider may use it (an override)
 * @param tiers threshold in input tokens (exclusive) to the rates that tier sets
 */
public record ModelPrice(String key, String litellmProvider, String mode, PriceSource source, ModelRates base,
        NavigableMap<Long, ModelRates> tiers) {

    public ModelPrice {
        tiers = tiers == null ? new TreeMap<>() : new TreeMap<>(tiers);
    }

    /** The rates that apply to a request with this many input tokens (cache reads and writes included). */
    public ModelRates ratesFor(long inputTokens) {
        Map.Entry<Long, ModelRates> tier = tiers.lowerEntry(inputTokens);
        if (tier == null) {
            return base;
        }
        // reasoning: the tier's rate, else the base reasoning rate, else (in the calculator) the tier's output rate
        return tier.getValue().orElse(base);
    }

    /** Charges every request as the other entry does: the same base rates and the same tiers. */
    public boolean chargesLike(ModelPrice other) {
        if (!base.sameAs(other.base) || !tiers.keySet().equals(other.tiers.keySet())) {
            return false;
        }
        return tiers.entrySet().stream().allMatch(tier -> tier.getValue().sameAs(other.tiers.get(tier.getKey())));
    }

    /** The threshold of the tier that applies, or null for the base rates. */
    public Long tierFor(long inputTokens) {
        return tiers.lowerKey(inputTokens);
    }

    public ModelPrice withKeyAndSource(String newKey, PriceSource newSource) {
        return new ModelPrice(newKey, litellmProvider, mode, newSource, base, tiers);
    }
}
