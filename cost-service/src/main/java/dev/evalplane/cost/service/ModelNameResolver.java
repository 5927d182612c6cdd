package dev.evalplane.cost.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.evalplane.cost.domain.ModelPrice;
import dev.evalplane.cost.domain.PriceTable;
import dev.evalplane.cost.domain.ResolvedPrice;
import dev.evalplane.events.PricedBy;

/**
 * Resolves a span's provider and model to a price-table entry the way LiteLLM's {@code _get_model_info_helper}
 * does: split a provider prefix ({@code openai/gpt-4o}, or our URI form {@code openai:/gpt-4o}), then try, case
 * insensitively, {@code provider/model}, {@code model}, and the same for the stripped names: the fine-tuned
 * snapshot ({@code ft:gpt-4o-mini-2024-07-18:org::id} -> {@code ft:gpt-4o-mini-2024-07-18}), its base model, and
 * the name without a dated suffix ({@code gpt-4o-2024-08-06} -> {@code gpt-4o},
 * {@code claude-sonnet-4-5-20250929} -> {@code claude-sonnet-4-5}). An exact entry always wins over a stripped one
 * (so {@code gpt-4o-2024-05-13} keeps its own, higher price). Every hit must pass the provider check against the
 * entry's {@code litellm_provider}.
 * <p>
 * When the provider has no entry, the model name alone may still name one: an OpenAI-compatible proxy
 * ({@code gen_ai.system=openai}) serving {@code claude-sonnet-4-5} is priced as Anthropic's model, as MLflow does. The
 * same candidate names are tried without the provider check, first as unprefixed table keys (unique by
 * construction), then as {@code <any provider>/<name>} keys, which count only when they all carry the same rates;
 * different rates under different providers are ambiguous and leave the span unpriced. Such a price is marked
 * {@link PricedBy#MODEL_NAME}.
 */
public final class ModelNameResolver {

    private static final Pattern DATED_SUFFIX = Pattern.compile("(-\\d{4}-\\d{2}-\\d{2}|-\\d{8}|@\\d{8}|-\\d{3})$");

    /** Provider names used by OTel GenAI, OpenInference and SDKs, mapped to LiteLLM's. */
    private static final Map<String, String> PROVIDER_ALIASES = Map.ofEntries(
            Map.entry("google", "gemini"), Map.entry("gcp.gemini", "gemini"), Map.entry("gcp.gen_ai", "gemini"),
            Map.entry("google_genai", "gemini"), Map.entry("google_ai_studio", "gemini"),
            Map.entry("gcp.vertex_ai", "vertex_ai"), Map.entry("vertexai", "vertex_ai"),
            Map.entry("mistral_ai", "mistral"), Map.entry("mistralai", "mistral"),
            Map.entry("azure.ai.openai", "azure"), Map.entry("azure_openai", "azure"),
            Map.entry("azure.ai.inference", "azure_ai"), Map.entry("aws.bedrock", "bedrock"),
            Map.entry("x_ai", "xai"));

    private ModelNameResolver() {
    }

    public static Optional<ResolvedPrice> resolve(PriceTable table, String provider, String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        String name = model.trim().toLowerCase(Locale.ROOT);
        String callerProvider = normaliseProvider(provider);
        int uri = name.indexOf(":/");
        if (uri > 0 && name.indexOf('/') == uri + 1) {
            callerProvider = callerProvider != null ? callerProvider : normaliseProvider(name.substring(0, uri));
            name = name.substring(uri + 2);
        }
        String unsplit = name;
        int slash = name.indexOf('/');
        if (slash > 0) {
            String prefix = normaliseProvider(name.substring(0, slash));
            if (table.isProviderPrefix(prefix)) {
                callerProvider = callerProvider != null ? callerProvider : prefix;
                name = name.substring(slash + 1);
            }
        }
        String caller = callerProvider;
        List<String> keys = new ArrayList<>(candidates(caller, name));
        if (!unsplit.equals(name)) {
            keys.add(unsplit); // a key that merely looks prefixed, e.g. a fine-tune path or an org/model name
        }
        for (String candidate : keys) {
            Optional<ModelPrice> hit = table.exact(candidate)
                    .filter(price -> providerMatches(caller, price.litellmProvider()));
            if (hit.isPresent()) {
                return Optional.of(new ResolvedPrice(hit.get(), caller, model, PricedBy.PROVIDER_AND_MODEL));
            }
        }
        return byModelNameAlone(table, candidates(null, name))
                .map(price -> new ResolvedPrice(price, caller, model, PricedBy.MODEL_NAME));
    }

    /** The one entry the model name names across providers, if exactly one set of rates answers to it. */
    private static Optional<ModelPrice> byModelNameAlone(PriceTable table, List<String> names) {
        for (String name : names) {
            Optional<ModelPrice> unprefixed = table.exact(name);
            if (unprefixed.isPresent()) {
                return unprefixed;
            }
        }
        for (String name : names) {
            List<ModelPrice> prefixed = table.prefixedEntries(name);
            if (!prefixed.isEmpty()) {
                ModelPrice first = prefixed.get(0);
                boolean sameRates = prefixed.stream().allMatch(first::chargesLike);
                return sameRates ? Optional.of(first) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    static List<String> candidates(String provider, String name) {
        Set<String> names = new LinkedHashSet<>();
        names.add(name);
        if (name.startsWith("ft:")) {
            String[] parts = name.split(":");
            if (parts.length > 1 && !parts[1].isEmpty()) {
                names.add("ft:" + parts[1]);
                names.add(parts[1]);
                names.add(undated(parts[1]));
            }
        }
        names.add(undated(name));
        List<String> keys = new ArrayList<>();
        for (String n : names) {
            if (provider != null) {
                keys.add(provider + "/" + n);
            }
            keys.add(n);
        }
        return keys;
    }

    static String undated(String name) {
        return DATED_SUFFIX.matcher(name).replaceFirst("");
    }

    public static String normaliseProvider(String provider) {
        if (provider == null || provider.isBlank()) {
            return null;
        }
        String p = provider.trim().toLowerCase(Locale.ROOT);
        return PROVIDER_ALIASES.getOrDefault(p, p);
    }

    /** LiteLLM's provider check, with its families and its pass-through providers. */
    static boolean providerMatches(String caller, String entry) {
        if (caller == null || entry == null || caller.equals(entry)) {
            return true;
        }
        for (String family : List.of("vertex_ai", "bedrock", "fireworks_ai")) {
            if (caller.startsWith(family) && entry.startsWith(family)) {
                return true;
            }
        }
        return switch (caller) {
            case "litellm_proxy", "github" -> true;
            case "azure_ai" -> entry.equals("azure") || entry.equals("openai");
            default -> false;
        };
    }
}
