package dev.evalplane.cost.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable snapshot of every known model price with its version string, e.g.
 * {@code evalplane-2026-11-24+litellm-1a2b3c4d+overrides-2-9f8e7d6c}. The version goes on every cost priced with it.
 */
public final class PriceTable {

    private final String version;
    private final Map<String, ModelPrice> byKey;
    private final Set<String> providerPrefixes;
    private final Map<String, List<ModelPrice>> prefixedByModelName;

    public PriceTable(String version, Map<String, ModelPrice> byKey) {
        this.version = version;
        this.byKey = Map.copyOf(byKey);
        Set<String> prefixes = new TreeSet<>();
        Map<String, List<ModelPrice>> prefixed = new HashMap<>();
        for (ModelPrice price : new TreeMap<>(byKey).values()) {
            int slash = price.key().indexOf('/');
            if (slash > 0) {
                prefixes.add(price.key().substring(0, slash));
                prefixed.computeIfAbsent(price.key().substring(slash + 1), name -> new ArrayList<>()).add(price);
            }
            if (price.litellmProvider() != null) {
                prefixes.add(price.litellmProvider());
            }
        }
        this.providerPrefixes = Set.copyOf(prefixes);
        this.prefixedByModelName = Map.copyOf(prefixed);
    }

    public String version() {
        return version;
    }

    /** Exact, case-insensitive lookup of a table key. */
    public Optional<ModelPrice> exact(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(byKey.get(key.toLowerCase()));
    }

    /**
     * The entries whose key is {@code <provider>/<modelName>} for any provider, in key order (e.g. {@code mistral/x}
     * and {@code openrouter/x} for {@code x}).
     */
    public List<ModelPrice> prefixedEntries(String modelName) {
        return modelName == null ? List.of() : prefixedByModelName.getOrDefault(modelName.toLowerCase(), List.of());
    }

    /** Prefixes that name a provider in a model string such as {@code mistral/mistral-large-latest}. */
    public boolean isProviderPrefix(String prefix) {
        return providerPrefixes.contains(prefix.toLowerCase());
    }

    public Collection<ModelPrice> prices() {
        return byKey.values();
    }

    public int size() {
        return byKey.size();
    }
}
