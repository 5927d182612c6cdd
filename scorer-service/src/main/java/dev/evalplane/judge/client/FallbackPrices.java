package dev.evalplane.judge.client;

import java.math.BigDecimal;
import java.util.Map;

import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.service.ModelPrice;

/**
 * Rates used for budget estimates when cost-service does not answer: list prices (USD per million tokens) of common
 * judge models, and for any other model a deliberately high rate, so an unknown model makes the budget stop early
 * rather than late. Not used to price anything: cost-service does that.
 */
final class FallbackPrices {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final Map<String, String[]> PER_MILLION = Map.of(
            "gpt-4.1-mini", new String[] { "0.40", "1.60" },
            "gpt-4.1-nano", new String[] { "0.10", "0.40" },
            "gpt-4.1", new String[] { "2.00", "8.00" },
            "gpt-4o-mini", new String[] { "0.15", "0.60" },
            "gpt-4o", new String[] { "2.50", "10.00" },
            "claude-haiku-4-5", new String[] { "1.00", "5.00" },
            "claude-sonnet-4-5", new String[] { "3.00", "15.00" });
    private static final String[] UNKNOWN = { "15.00", "75.00" };

    static ModelPrice estimate(ModelUri model) {
        String[] rates = PER_MILLION.get(model.model());
        boolean known = rates != null;
        if (!known) {
            rates = UNKNOWN;
        }
        return new ModelPrice(new BigDecimal(rates[0]).divide(MILLION), new BigDecimal(rates[1]).divide(MILLION),
                known ? "built-in list price" : "built-in conservative estimate");
    }

    private FallbackPrices() {
    }
}
