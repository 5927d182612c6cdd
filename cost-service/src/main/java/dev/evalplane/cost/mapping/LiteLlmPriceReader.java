package dev.evalplane.cost.mapping;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.cost.ModelPrice;
import dev.evalplane.cost.ModelRates;
import dev.evalplane.cost.PriceSource;
import dev.evalplane.events.http.PriceView;

/**
 * Reads model prices written with LiteLLM's field names ({@code model_prices_and_context_window.json}, our bundled
 * file, overrides). Only token rates are read; service-tier variants ({@code _priority}, {@code _flex}, batches)
 * and per-image/audio/second prices are not, since spans carry text token counts only. Entries without any token
 * rate (image generation, per-second models, {@code sample_spec}) are skipped.
 */
public final class LiteLlmPriceReader {

    public static final String INPUT = PriceView.INPUT_COST_PER_TOKEN;
    public static final String OUTPUT = PriceView.OUTPUT_COST_PER_TOKEN;
    public static final String REASONING = "output_cost_per_reasoning_token";
    public static final String CACHE_READ = "cache_read_input_token_cost";
    public static final String CACHE_CREATION = "cache_creation_input_token_cost";
    public static final String CACHE_CREATION_1H = "cache_creation_input_token_cost_above_1hr";

    private static final String[] RATE_FIELDS = { INPUT, OUTPUT, REASONING, CACHE_READ, CACHE_CREATION,
            CACHE_CREATION_1H };
    private static final Pattern TIER_FIELD = Pattern.compile("^(" + String.join("|", RATE_FIELDS)
            + ")_above_(\\d+)(k?)_tokens$");

    private LiteLlmPriceReader() {
    }

    /** True for a LiteLLM token-rate field this reader uses, base or tiered ({@code ..._above_200k_tokens}). */
    public static boolean isRateField(String field) {
        for (String rate : RATE_FIELDS) {
            if (rate.equals(field)) {
                return true;
            }
        }
        return TIER_FIELD.matcher(field).matches();
    }

    /** Every priced entry of a LiteLLM-format map {@code {"model": {fields}}}, keyed by lower-case model name. */
    public static Map<String, ModelPrice> readModels(JsonNode models, PriceSource source) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        if (models == null || !models.isObject()) {
            return prices;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = models.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!entry.getValue().isObject() || "sample_spec".equals(entry.getKey())) {
                continue;
            }
            ModelPrice price = readModel(entry.getKey(), entry.getValue(), source);
            if (price != null) {
                prices.put(price.key(), price);
            }
        }
        return prices;
    }

    /** One entry, or null when it has no usable token rate. */
    public static ModelPrice readModel(String name, JsonNode entry, PriceSource source) {
        Map<String, BigDecimal> rates = new HashMap<>();
        entry.fields().forEachRemaining(field -> {
            BigDecimal value = decimal(field.getValue());
            if (value != null) {
                rates.put(field.getKey(), value);
            }
        });
        return fromFields(name, text(entry, "litellm_provider"), text(entry, "mode"), rates, source);
    }

    /** Builds a price from LiteLLM field names and rates; null when no token rate is present. */
    public static ModelPrice fromFields(String name, String provider, String mode, Map<String, BigDecimal> fields,
            PriceSource source) {
        ModelRates base = rates(fields::get);
        TreeMap<Long, Map<String, BigDecimal>> tierFields = new TreeMap<>();
        fields.forEach((field, value) -> {
            Matcher m = TIER_FIELD.matcher(field);
            if (m.matches()) {
                long threshold = Long.parseLong(m.group(2)) * (m.group(3).isEmpty() ? 1 : 1000);
                tierFields.computeIfAbsent(threshold, t -> new HashMap<>()).put(m.group(1), value);
            }
        });
        TreeMap<Long, ModelRates> tiers = new TreeMap<>();
        tierFields.forEach((threshold, tier) -> tiers.put(threshold, rates(tier::get)));
        if (base.isEmpty() && tiers.isEmpty()) {
            return null;
        }
        return new ModelPrice(name.toLowerCase(Locale.ROOT), provider == null ? null : provider.toLowerCase(Locale.ROOT),
                mode, source, base, tiers);
    }

    private static ModelRates rates(Function<String, BigDecimal> field) {
        return new ModelRates(field.apply(INPUT), field.apply(OUTPUT), field.apply(REASONING), field.apply(CACHE_READ),
                field.apply(CACHE_CREATION), field.apply(CACHE_CREATION_1H));
    }

    /** A non-negative rate from a JSON number or numeric string (LiteLLM has both), else null. */
    static BigDecimal decimal(JsonNode node) {
        BigDecimal value = null;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                value = new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return value == null || value.signum() < 0 ? null : value;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }
}
