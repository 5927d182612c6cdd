package dev.evalplane.cost.domain;

import java.math.BigDecimal;

/**
 * USD per token for each token category of one pricing tier. A null rate is unknown, never zero.
 * {@code cacheCreation} prices 5-minute cache writes, {@code cacheCreation1h} 1-hour ones (LiteLLM's
 * {@code cache_creation_input_token_cost_above_1hr}).
 */
public record ModelRates(BigDecimal input, BigDecimal output, BigDecimal reasoning, BigDecimal cacheRead,
        BigDecimal cacheCreation, BigDecimal cacheCreation1h) {

    public static final ModelRates NONE = new ModelRates(null, null, null, null, null, null);

    /** These rates where set, else the other's (field by field). */
    public ModelRates orElse(ModelRates other) {
        if (other == null) {
            return this;
        }
        return new ModelRates(first(input, other.input), first(output, other.output),
                first(reasoning, other.reasoning), first(cacheRead, other.cacheRead),
                first(cacheCreation, other.cacheCreation), first(cacheCreation1h, other.cacheCreation1h));
    }

    /** The same rates, decimals compared by value (0.000003 equals 0.0000030). */
    public boolean sameAs(ModelRates other) {
        return other != null && same(input, other.input) && same(output, other.output)
                && same(reasoning, other.reasoning) && same(cacheRead, other.cacheRead)
                && same(cacheCreation, other.cacheCreation) && same(cacheCreation1h, other.cacheCreation1h);
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    public boolean isEmpty() {
        return input == null && output == null && reasoning == null && cacheRead == null && cacheCreation == null
                && cacheCreation1h == null;
    }

    private static BigDecimal first(BigDecimal a, BigDecimal b) {
        return a != null ? a : b;
    }
}
