package dev.evalplane.cost.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.cost.domain.ModelPrice;
import dev.evalplane.cost.domain.PriceOverride;
import dev.evalplane.cost.domain.PriceSource;
import dev.evalplane.cost.domain.PriceTable;
import dev.evalplane.cost.domain.ResolvedPrice;
import dev.evalplane.cost.client.LiteLlmMapFetcher;
import dev.evalplane.cost.config.PricesConfig;
import dev.evalplane.cost.mapping.LiteLlmPriceReader;
import dev.evalplane.cost.mapping.OverrideFields;
import dev.evalplane.cost.repository.PriceOverrideRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Holds the current price table: the bundled file, the LiteLLM map (refreshed on a schedule; a failed or
 * suspicious refresh keeps the previous map and is logged) and the overrides from config and from the database.
 */
@ApplicationScoped
public class PriceTableService {

    private final PricesConfig config;
    private final ObjectMapper json;
    private final LiteLlmMapFetcher fetcher;
    private final PriceOverrideRepository overrides;
    private final String bundledVersion;
    private final Map<String, ModelPrice> bundled;
    private final List<PriceOverride> configOverrides;
    private final AtomicReference<LiteLlmMap> liteLlm = new AtomicReference<>(new LiteLlmMap(null, Map.of()));
    private final AtomicReference<PriceTable> current = new AtomicReference<>();
    private final Uni<PriceTable> ready;

    private record LiteLlmMap(String sha8, Map<String, ModelPrice> prices) {
    }

    public PriceTableService(PricesConfig config, ObjectMapper json, LiteLlmMapFetcher fetcher,
            PriceOverrideRepository overrides) {
        this.config = config;
        this.json = json;
        this.fetcher = fetcher;
        this.overrides = overrides;
        JsonNode bundledFile = readBundled(config.bundled());
        this.bundledVersion = bundledFile.path("version").asText("evalplane-unversioned");
        this.bundled = LiteLlmPriceReader.readModels(bundledFile.get("models"), PriceSource.BUNDLED);
        this.configOverrides = configOverrides(config.overrides());
        current.set(PriceTableBuilder.build(bundledVersion, bundled, null, null, configOverrides));
        this.ready = refreshLiteLlm().onFailure().recoverWithItem(false)
                .chain(() -> reload())
                .onFailure().invoke(e -> Log.errorf(e, "could not load the price overrides; using %s", current().version()))
                .onFailure().recoverWithItem(this::current)
                .memoize().indefinitely();
    }

    public PriceTable current() {
        return current.get();
    }

    /** The table once the first load (LiteLLM map, database overrides) has been tried. */
    public Uni<PriceTable> ready() {
        return ready;
    }

    public Optional<ResolvedPrice> resolve(String provider, String model) {
        return ModelNameResolver.resolve(current(), provider, model);
    }

    /** Rebuilds the table from the cached layers and the database overrides (these win over config ones). */
    public Uni<PriceTable> reload() {
        return overrides.findAll().map(fromDatabase -> {
            Map<String, PriceOverride> byModel = new LinkedHashMap<>();
            configOverrides.forEach(o -> byModel.put(o.model().toLowerCase(Locale.ROOT), o));
            fromDatabase.forEach(o -> byModel.put(o.model().toLowerCase(Locale.ROOT), o));
            LiteLlmMap map = liteLlm.get();
            PriceTable table = PriceTableBuilder.build(bundledVersion, bundled, map.sha8(), map.prices(),
                    new ArrayList<>(byModel.values()));
            PriceTable previous = current.getAndSet(table);
            if (previous == null || !previous.version().equals(table.version())) {
                Log.infof("price table %s: %d models", table.version(), table.size());
            }
            return table;
        });
    }

    /** Fetches the configured LiteLLM map again; true when it was loaded. A failure keeps the previous map. */
    public Uni<Boolean> refreshLiteLlm() {
        Optional<String> location = config.litellm().location().filter(l -> !l.isBlank());
        return location.isEmpty() ? Uni.createFrom().item(false) : refreshLiteLlm(location.get());
    }

    /** Loads the LiteLLM map from this file path or URL; true when loaded. A failure keeps the previous map. */
    public Uni<Boolean> refreshLiteLlm(String location) {
        return fetcher.fetch(location)
                .map(bytes -> parseLiteLlm(bytes))
                .chain(map -> {
                    liteLlm.set(map);
                    return reload().replaceWith(true);
                })
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("LiteLLM price map from %s not loaded, keeping %s: %s", location,
                            current().version(), e.getMessage());
                    return false;
                });
    }

    private LiteLlmMap parseLiteLlm(byte[] bytes) {
        try {
            Map<String, ModelPrice> prices = LiteLlmPriceReader.readModels(json.readTree(bytes), PriceSource.LITELLM);
            if (prices.size() < config.litellm().minModels()) {
                throw new IllegalStateException("only " + prices.size() + " priced models (minimum "
                        + config.litellm().minModels() + ")");
            }
            return new LiteLlmMap(PriceTableBuilder.sha256(bytes).substring(0, 8), prices);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + e.getMessage(), e);
        }
    }

    private JsonNode readBundled(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled price table " + resource + " is not on the classpath");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("bundled price table " + resource + " is unreadable", e);
        }
    }

    private static List<PriceOverride> configOverrides(Map<String, Map<String, String>> fromConfig) {
        List<PriceOverride> list = new ArrayList<>();
        fromConfig.forEach((model, fields) -> list.add(OverrideFields.toOverride(model, fields)));
        return list;
    }
}
