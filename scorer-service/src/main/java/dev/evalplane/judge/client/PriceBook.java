package dev.evalplane.judge.client;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.judge.config.ServiceUrls;
import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.service.ModelPrice;
import dev.evalplane.internalauth.InternalToken;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-token rates for budget estimates: cost-service's {@code GET /api/v1/prices?model=} when it answers, else a
 * conservative built-in estimate ({@link FallbackPrices}). Reads the rates as {@code input_cost_per_token} /
 * {@code output_cost_per_token} (LiteLLM names, under {@code rates} as cost-service answers), or per million as
 * {@code input_cost_per_million_tokens} / {@code input_mtok}, at the top level or under {@code price}.
 */
@ApplicationScoped
public class PriceBook {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final WebClient client;
    private final ObjectMapper json;
    private final String baseUrl;
    private final InternalToken internalToken;
    private final ServiceGuard prices;

    public PriceBook(WebClient client, ObjectMapper json, ServiceUrls.CostService config, InternalToken internalToken) {
        this.client = client;
        this.json = json;
        this.baseUrl = config.url().replaceAll("/+$", "");
        this.internalToken = internalToken;
        this.prices = new ServiceGuard("cost-service", config.calls(), config.priceTimeout());
    }

    public Uni<ModelPrice> price(ModelUri model) {
        String url = baseUrl + "/api/v1/prices?model=" + URLEncoder.encode(model.toString(), StandardCharsets.UTF_8);
        HttpRequest<Buffer> request = client.getAbs(url);
        internalToken.addTo(request::putHeader);
        return prices.read(() -> request.send().invoke(r -> {
                    if (r.statusCode() >= 500) {
                        throw new ServiceCallException(r.statusCode(), "cost-service answered " + r.statusCode());
                    }
                }))
                .map(r -> r.statusCode() == 200 ? parse(json, r.body().getBytes()) : null)
                .onFailure().recoverWithItem(e -> null)
                .map(p -> {
                    if (p != null) {
                        return p;
                    }
                    Log.debugf("no cost-service price for %s; using the built-in estimate", model);
                    return FallbackPrices.estimate(model);
                });
    }

    /** Rates from a cost-service price answer; null when it has none we can read. */
    static ModelPrice parse(ObjectMapper json, byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            for (JsonNode candidate : new JsonNode[] { root.path("rates"), root, root.path("price"),
                    root.path("prices").path(0) }) {
                BigDecimal in = rate(candidate, "input");
                BigDecimal out = rate(candidate, "output");
                if (in != null && out != null) {
                    return new ModelPrice(in, out, "cost-service");
                }
            }
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static BigDecimal rate(JsonNode node, String side) {
        JsonNode perToken = node.get(side + "_cost_per_token");
        if (perToken != null && perToken.isNumber()) {
            return perToken.decimalValue();
        }
        for (String key : new String[] { side + "_cost_per_million_tokens", side + "_mtok", side + "_per_million" }) {
            JsonNode perMillion = node.get(key);
            if (perMillion != null && perMillion.isNumber()) {
                return perMillion.decimalValue().divide(MILLION, MathContext.DECIMAL64);
            }
        }
        return null;
    }
}
