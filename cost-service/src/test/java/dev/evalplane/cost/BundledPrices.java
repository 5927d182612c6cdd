package dev.evalplane.cost;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.cost.mapping.LiteLlmPriceReader;
import dev.evalplane.cost.service.PriceTableBuilder;
import dev.evalplane.events.EventJson;
import dev.evalplane.cost.domain.PriceSource;
import dev.evalplane.cost.domain.PriceTable;

/** The bundled price table as the service builds it, for plain unit tests. */
public final class BundledPrices {

    private BundledPrices() {
    }

    public static JsonNode file() {
        try (InputStream in = BundledPrices.class.getResourceAsStream("/prices/evalplane-prices.json")) {
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PriceTable table() {
        JsonNode file = file();
        return PriceTableBuilder.build(file.get("version").asText(),
                LiteLlmPriceReader.readModels(file.get("models"), PriceSource.BUNDLED), null, null, List.of());
    }
}
