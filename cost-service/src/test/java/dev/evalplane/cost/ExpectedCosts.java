package dev.evalplane.cost;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.TokenUsage;

/**
 * Costs computed independently of the service, straight from the bundled file's rates: the textbook formula with
 * the whole-request >200k rule. Used by tests to check what the service publishes.
 */
public final class ExpectedCosts {

    private final JsonNode models = BundledPrices.file().get("models");

    /** [input cost, output cost] of one call of a bundled model (rates for every used category assumed). */
    public BigDecimal[] of(String bundledKey, TokenUsage u) {
        JsonNode m = models.get(bundledKey);
        boolean above = u.inputTokens() > 200_000 && m.has("input_cost_per_token_above_200k_tokens");
        BigDecimal in = rate(m, "input_cost_per_token", above);
        BigDecimal out = rate(m, "output_cost_per_token", above);
        BigDecimal read = rate(m, "cache_read_input_token_cost", above);
        BigDecimal write = rate(m, "cache_creation_input_token_cost", above);
        BigDecimal write1h = rate(m, "cache_creation_input_token_cost_above_1hr", above);
        BigDecimal reasoning = m.has("output_cost_per_reasoning_token")
                ? m.get("output_cost_per_reasoning_token").decimalValue() : out;
        long cr = TokenUsage.orZero(u.cacheReadInputTokens());
        long cw1h = TokenUsage.orZero(u.cacheCreation1hInputTokens());
        long cw = TokenUsage.orZero(u.cacheCreationInputTokens()) - cw1h;
        long r = TokenUsage.orZero(u.reasoningTokens());
        BigDecimal input = in.multiply(BigDecimal.valueOf(u.inputTokens() - cr - cw - cw1h))
                .add(cr == 0 ? BigDecimal.ZERO : read.multiply(BigDecimal.valueOf(cr)))
                .add(cw == 0 ? BigDecimal.ZERO : write.multiply(BigDecimal.valueOf(cw)))
                .add(cw1h == 0 ? BigDecimal.ZERO : write1h.multiply(BigDecimal.valueOf(cw1h)));
        BigDecimal output = out.multiply(BigDecimal.valueOf(u.outputTokens() - r))
                .add(reasoning.multiply(BigDecimal.valueOf(r)));
        return new BigDecimal[] { input, output };
    }

    private static BigDecimal rate(JsonNode m, String field, boolean above) {
        JsonNode tier = m.get(field + "_above_200k_tokens");
        JsonNode base = m.get(field);
        JsonNode chosen = above && tier != null ? tier : base;
        return chosen == null ? null : chosen.decimalValue();
    }
}
