package dev.evalplane.cost.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.evalplane.cost.domain.ModelPrice;
import dev.evalplane.cost.domain.ModelRates;
import dev.evalplane.cost.domain.PriceOverride;
import dev.evalplane.cost.domain.PriceSource;
import dev.evalplane.cost.domain.PriceTable;
import dev.evalplane.cost.domain.ResolvedPrice;
import dev.evalplane.cost.mapping.LiteLlmPriceReader;

/**
 * Layers the price sources into one table: overrides over the LiteLLM file over the bundled file, entry by entry.
 * The version names every layer: {@code <bundled>+litellm-<sha8>+overrides-<count>-<sha8>} (absent layers omitted),
 * so two tables with the same version price identically.
 */
public final class PriceTableBuilder {

    private PriceTableBuilder() {
    }

    public static PriceTable build(String bundledVersion, Map<String, ModelPrice> bundled, String liteLlmSha8,
            Map<String, ModelPrice> liteLlm, List<PriceOverride> overrides) {
        Map<String, ModelPrice> merged = new LinkedHashMap<>(bundled);
        StringBuilder version = new StringBuilder(bundledVersion);
        if (liteLlm != null && !liteLlm.isEmpty()) {
            merged.putAll(liteLlm);
            version.append("+litellm-").append(liteLlmSha8);
        }
        if (overrides != null && !overrides.isEmpty()) {
            PriceTable lower = new PriceTable(version.toString(), merged);
            for (PriceOverride override : overrides) {
                ModelPrice price = apply(lower, override);
                if (price != null) {
                    merged.put(price.key(), price);
                }
            }
            version.append("+overrides-").append(overrides.size()).append('-').append(fingerprint(overrides));
        }
        return new PriceTable(version.toString(), merged);
    }

    /** The override's rates on top of its base entry (base model, else the same name below it). */
    static ModelPrice apply(PriceTable lower, PriceOverride override) {
        String key = override.model().toLowerCase(Locale.ROOT);
        ModelPrice below = override.baseModel() != null
                ? ModelNameResolver.resolve(lower, override.litellmProvider(), override.baseModel())
                        .map(ResolvedPrice::price).orElse(null)
                : lower.exact(key).orElse(null);
        ModelPrice own = LiteLlmPriceReader.fromFields(key, override.litellmProvider(), "chat", override.rates(),
                PriceSource.OVERRIDE);
        if (own == null && below == null) {
            return null;
        }
        if (own == null) {
            return below.withKeyAndSource(key, PriceSource.OVERRIDE);
        }
        if (below == null) {
            return own;
        }
        TreeMap<Long, ModelRates> tiers = new TreeMap<>(below.tiers());
        own.tiers().forEach((threshold, rates) -> tiers.merge(threshold, rates, (b, o) -> o.orElse(b)));
        String provider = override.litellmProvider() != null ? own.litellmProvider() : below.litellmProvider();
        return new ModelPrice(key, provider, below.mode(), PriceSource.OVERRIDE, own.base().orElse(below.base()),
                tiers);
    }

    static String fingerprint(List<PriceOverride> overrides) {
        StringBuilder canonical = new StringBuilder();
        overrides.stream().sorted(Comparator.comparing(PriceOverride::model)).forEach(o -> canonical
                .append(o.model()).append('|').append(o.litellmProvider()).append('|').append(o.baseModel())
                .append('|').append(o.rates().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()
                        .stripTrailingZeros().toPlainString()).sorted().toList())
                .append('\n'));
        return sha256(canonical.toString()).substring(0, 8);
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
