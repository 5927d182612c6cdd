package dev.evalplane.cost.rest;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import dev.evalplane.cost.mapping.LiteLlmPriceReader;
import dev.evalplane.cost.mapping.OverrideFields;
import dev.evalplane.events.SpanValidation;
import dev.evalplane.events.http.StrictString;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /api/v1/prices/overrides/{model}}: LiteLLM's rate fields in USD per token (JSON numbers or decimal
 * strings), {@code litellm_provider} and {@code base_model} (an override without rates inherits base_model's), in
 * snake or kebab case. Tiers are open-ended LiteLLM names ({@code input_cost_per_token_above_200k_tokens}): any other
 * field lands in {@code tiers} (at most {@value #MAX_TIERS}), and {@link OverrideFields} refuses a name that is not a
 * rate field, a negative rate, and text PostgreSQL cannot store, naming the field.
 */
@Schema(name = "PriceOverrideFields", additionalProperties = BigDecimal.class,
        description = "LiteLLM rate fields in USD per token (decimal numbers or strings; tiers as e.g."
                + " input_cost_per_token_above_200k_tokens), plus litellm_provider and base_model (an override without"
                + " rates inherits base_model's); kebab or snake case")
public record PriceOverrideRequest(
        @JsonProperty(OverrideFields.PROVIDER) @JsonAlias("litellm-provider") @JsonDeserialize(using = StrictString.class)
        @Size(max = SpanValidation.MAX_ID_LENGTH, message = TOO_LONG)
        @Schema(nullable = true, maxLength = SpanValidation.MAX_ID_LENGTH) String litellmProvider,
        @JsonProperty(OverrideFields.BASE_MODEL) @JsonAlias("base-model") @JsonDeserialize(using = StrictString.class)
        @Size(max = SpanValidation.MAX_ID_LENGTH, message = TOO_LONG)
        @Schema(nullable = true, maxLength = SpanValidation.MAX_ID_LENGTH) String baseModel,
        @JsonProperty(LiteLlmPriceReader.INPUT) @JsonAlias("input-cost-per-token")
        @Schema(nullable = true, minimum = "0") BigDecimal inputCostPerToken,
        @JsonProperty(LiteLlmPriceReader.OUTPUT) @JsonAlias("output-cost-per-token")
        @Schema(nullable = true, minimum = "0") BigDecimal outputCostPerToken,
        @JsonProperty(LiteLlmPriceReader.REASONING) @JsonAlias("output-cost-per-reasoning-token")
        @Schema(nullable = true, minimum = "0") BigDecimal outputCostPerReasoningToken,
        @JsonProperty(LiteLlmPriceReader.CACHE_READ) @JsonAlias("cache-read-input-token-cost")
        @Schema(nullable = true, minimum = "0") BigDecimal cacheReadInputTokenCost,
        @JsonProperty(LiteLlmPriceReader.CACHE_CREATION) @JsonAlias("cache-creation-input-token-cost")
        @Schema(nullable = true, minimum = "0") BigDecimal cacheCreationInputTokenCost,
        @JsonAnySetter @Size(max = MAX_TIERS, message = "holds more than " + MAX_TIERS + " tier fields")
        @Schema(hidden = true) Map<String, BigDecimal> tiers) {

    /** Tiered and other LiteLLM rate fields one override may set. */
    static final int MAX_TIERS = 64;
    static final String TOO_LONG = "is longer than " + SpanValidation.MAX_ID_LENGTH + " characters";

    public PriceOverrideRequest {
        tiers = tiers == null ? Map.of() : tiers;
    }

    /** The body as LiteLLM field names to values, for {@link OverrideFields#toOverride}. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(OverrideFields.PROVIDER, litellmProvider);
        fields.put(OverrideFields.BASE_MODEL, baseModel);
        fields.put(LiteLlmPriceReader.INPUT, inputCostPerToken);
        fields.put(LiteLlmPriceReader.OUTPUT, outputCostPerToken);
        fields.put(LiteLlmPriceReader.REASONING, outputCostPerReasoningToken);
        fields.put(LiteLlmPriceReader.CACHE_READ, cacheReadInputTokenCost);
        fields.put(LiteLlmPriceReader.CACHE_CREATION, cacheCreationInputTokenCost);
        fields.putAll(tiers);
        return fields;
    }
}
