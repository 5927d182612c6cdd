package dev.evalplane.cost.repository;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.cost.domain.PriceOverride;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code costs.price_overrides}: per-deployment prices set through the API (rates as exact decimal strings). */
@ApplicationScoped
public class PriceOverrideRepository {

    private static final TypeReference<Map<String, String>> RATES = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper json;

    public PriceOverrideRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<List<PriceOverride>> findAll() {
        return pool.query("SELECT model, litellm_provider, base_model, rates FROM costs.price_overrides ORDER BY model")
                .execute().map(rows -> {
                    List<PriceOverride> overrides = new ArrayList<>();
                    rows.forEach(row -> overrides.add(toOverride(row)));
                    return overrides;
                });
    }

    public Uni<Void> upsert(PriceOverride override) {
        Map<String, String> rates = new TreeMap<>();
        override.rates().forEach((field, rate) -> rates.put(field, rate.toPlainString()));
        return pool.preparedQuery("INSERT INTO costs.price_overrides (model, litellm_provider, base_model, rates)"
                + " VALUES ($1, $2, $3, $4) ON CONFLICT (model) DO UPDATE SET litellm_provider = EXCLUDED.litellm_provider,"
                + " base_model = EXCLUDED.base_model, rates = EXCLUDED.rates, updated_at = now()")
                .execute(Tuple.of(override.model(), override.litellmProvider(), override.baseModel(), write(rates)))
                .replaceWithVoid();
    }

    /** True when a row was deleted. */
    public Uni<Boolean> delete(String model) {
        return pool.preparedQuery("DELETE FROM costs.price_overrides WHERE model = $1").execute(Tuple.of(model))
                .map(rows -> rows.rowCount() > 0);
    }

    private PriceOverride toOverride(Row row) {
        Map<String, BigDecimal> rates = new TreeMap<>();
        read(row.getString("rates")).forEach((field, rate) -> rates.put(field, new BigDecimal(rate)));
        return new PriceOverride(row.getString("model"), row.getString("litellm_provider"),
                row.getString("base_model"), rates);
    }

    private String write(Map<String, String> rates) {
        try {
            return json.writeValueAsString(rates);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String rates) {
        try {
            return json.readValue(rates, RATES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rates in costs.price_overrides: " + rates, e);
        }
    }
}
