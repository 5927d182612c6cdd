package dev.evalplane.events.http;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * cost-service's {@code GET /api/v1/prices}: how a model name resolved ({@code match}: PROVIDER_AND_MODEL, or
 * MODEL_NAME when the provider has no such model and the name alone named one entry), its rates (USD per token, under
 * LiteLLM's field names) and source. This is the one shape of a price answer; scorer-service's budget estimate reads it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A model's price as the current price table resolves it")
public record PriceView(@Schema(description = "the model asked for") String model,
        @Schema(nullable = true, description = "the provider asked for") String provider,
        @Schema(description = "the price table entry that priced it") String resolvedModel,
        @Schema(nullable = true) String litellmProvider, @Schema(nullable = true) String mode,
        @Schema(enumeration = { "bundled", "litellm", "override" }) String source,
        @Schema(enumeration = { "PROVIDER_AND_MODEL", "MODEL_NAME" }) String match,
        @Schema(description = "USD per token by LiteLLM field name, e.g. input_cost_per_token, output_cost_per_token,"
                + " cache_read_input_token_cost") Map<String, BigDecimal> rates,
        List<Tier> tiers, String priceTableVersion) {

    public static final String INPUT_COST_PER_TOKEN = "input_cost_per_token";
    public static final String OUTPUT_COST_PER_TOKEN = "output_cost_per_token";

    /** Rates that apply once a request's input tokens exceed {@code aboveInputTokens}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "PriceTier")
    public record Tier(long aboveInputTokens, Map<String, BigDecimal> rates) {
    }

    /** USD per input token; null when the price has none. */
    public BigDecimal inputPerToken() {
        return rates == null ? null : rates.get(INPUT_COST_PER_TOKEN);
    }

    /** USD per output token; null when the price has none. */
    public BigDecimal outputPerToken() {
        return rates == null ? null : rates.get(OUTPUT_COST_PER_TOKEN);
    }
}
