package dev.evalplane.cost.mapping;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.evalplane.cost.domain.PriceOverride;
import dev.evalplane.events.SpanValidation;
import dev.evalplane.events.StoredText;

/** Turns override fields (config keys or a JSON body) into a {@link PriceOverride}, rejecting what it can't use. */
public final class OverrideFields {

    public static final String PROVIDER = "litellm_provider";
    public static final String BASE_MODEL = "base_model";

    private OverrideFields() {
    }

    /**
     * @param fields LiteLLM field names (kebab or snake case) to values; rates are decimal strings or numbers
     * @throws IllegalArgumentException naming the field that is unknown, not a decimal, or negative
     */
    public static PriceOverride toOverride(String model, Map<String, ?> fields) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the model name is empty");
        }
        storable("the model name", model);
        String provider = null;
        String baseModel = null;
        Map<String, BigDecimal> rates = new HashMap<>();
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            String field = entry.getKey().trim().toLowerCase(Locale.ROOT).replace('-', '_');
            Object value = entry.getValue();
            if (value == null) {
                continue;
            }
            storable("field name " + field, entry.getKey());
            if (PROVIDER.equals(field)) {
                provider = text(field, value).toLowerCase(Locale.ROOT);
            } else if (BASE_MODEL.equals(field)) {
                baseModel = text(field, value);
            } else if (LiteLlmPriceReader.isRateField(field)) {
                rates.put(field, rate(model, field, value));
            } else {
                throw new IllegalArgumentException("override of '" + model + "': unknown field '" + entry.getKey()
                        + "' (use LiteLLM rate fields such as input_cost_per_token, or litellm_provider, base_model)");
            }
        }
        if (rates.isEmpty() && baseModel == null) {
            throw new IllegalArgumentException("override of '" + model + "' sets no rate and no base_model");
        }
        return new PriceOverride(model.trim(), provider, baseModel, rates);
    }

    private static String text(String field, Object value) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        storable(field, text);
        return text.trim();
    }

    /**
     * PostgreSQL cannot store NUL or a lone surrogate, and a model name is a primary key (its index entry is bounded):
     * such a text is refused, naming where it was.
     */
    private static void storable(String what, String text) {
        if (text.length() > SpanValidation.MAX_ID_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + SpanValidation.MAX_ID_LENGTH
                    + " characters");
        }
        if (StoredText.needsCleaning(text)) {
            throw new IllegalArgumentException(what + " contains a NUL character or a lone surrogate, which cannot be"
                    + " stored");
        }
    }

    private static BigDecimal rate(String model, String field, Object value) {
        BigDecimal rate;
        try {
            rate = value instanceof BigDecimal d ? d : new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("override of '" + model + "': " + field + " is not a decimal: " + value);
        }
        if (rate.signum() < 0) {
            throw new IllegalArgumentException("override of '" + model + "': " + field + " is negative: " + value);
        }
        return rate;
    }
}
