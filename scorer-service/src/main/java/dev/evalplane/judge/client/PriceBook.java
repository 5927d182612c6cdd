package dev.evalplane.judge.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.http.PriceView;
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
 * Per-token rates for budget estimates: cost-service's {@code GET /api/v1/prices?model=} when it answers (its one
 * answer shape, {@link PriceView}: {@code rates.input_cost_per_token} and {@code rates.output_cost_per_token}), else a
 * conservative built-in estimate ({@link FallbackPrices}).
 */
@ApplicationScoped
public class PriceBook {

    private final WebClient client;
    private final ObjectMapper json;
    private final String baseUrl;
    private final ServiceGuard prices;

    public PriceBook(WebClient client, ObjectMapper json, ServiceUrls.CostService config, InternalToken internalToken) {
        this.client = internalToken.serviceClient(client);
        this.json = json;
        this.baseUrl = config.url().replaceAll("/+$", "");
        this.prices = new ServiceGuard("cost-service", config.calls(), config.priceTimeout());
    }

    public Uni<ModelPrice> price(ModelUri model) {
        String url = baseUrl + "/api/v1/prices?model=" + URLEncoder.encode(model.toString(), StandardCharsets.UTF_8);
        HttpRequest<Buffer> request = client.getAbs(url);
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

    /** Rates from a cost-service price answer; null when it is unreadable or lacks the input or output rate. */
    static ModelPrice parse(ObjectMapper json, byte[] body) {
        PriceView view;
        try {
            view = json.readValue(body, PriceView.class);
        } catch (java.io.IOException e) {
            return null;
        }
        if (view == null || view.inputPerToken() == null || view.outputPerToken() == null) {
            return null;
        }
        return new ModelPrice(view.inputPerToken(), view.outputPerToken(), "cost-service");
    }
}
