package dev.evalplane.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Which price-table entry priced a span, so a reader can tell a provider's own price from a match by model name.
 *
 * @param priceKey the table key, e.g. {@code claude-sonnet-4-5} or {@code gemini/gemini-2.5-pro}
 * @param priceSource where that entry came from: {@code bundled}, {@code litellm} or {@code override}
 * @param match {@code PROVIDER_AND_MODEL} when the span's provider has the entry, {@code MODEL_NAME} when the
 *        provider has none and the model name alone named one entry across providers (e.g. an OpenAI-compatible
 *        proxy serving {@code claude-sonnet-4-5})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PricedBy(String priceKey, String priceSource, String match) {

    public static final String PROVIDER_AND_MODEL = "PROVIDER_AND_MODEL";
    public static final String MODEL_NAME = "MODEL_NAME";
}
