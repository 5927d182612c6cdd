package dev.evalplane.cost.rest;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.evalplane.cost.domain.PriceOverride;
import dev.evalplane.cost.mapping.OverrideFields;
import dev.evalplane.cost.repository.PriceOverrideRepository;
import dev.evalplane.cost.service.ModelNameResolver;
import dev.evalplane.cost.service.PriceTableService;
import dev.evalplane.cost.service.RepriceService;
import dev.evalplane.events.StoredText;
import io.smallrye.mutiny.Uni;

/** Price lookup, per-deployment overrides, and re-pricing of stored span costs. */
@Path("/api/v1/prices")
@Produces(MediaType.APPLICATION_JSON)
public class PriceResource {

    private final PriceTableService prices;
    private final PriceOverrideRepository overrides;
    private final RepriceService reprices;

    public PriceResource(PriceTableService prices, PriceOverrideRepository overrides, RepriceService reprices) {
        this.prices = prices;
        this.overrides = overrides;
        this.reprices = reprices;
    }

    @GET
    public Uni<PriceView> price(@QueryParam("model") String model, @QueryParam("provider") String provider) {
        if (model == null || model.isBlank()) {
            throw ProblemException.badRequest("query parameter 'model' is required, e.g. ?model=openai:/gpt-4.1-mini");
        }
        return prices.ready().map(first -> prices.current()).map(table -> ModelNameResolver.resolve(table, provider,
                model).map(resolved -> PriceView.of(resolved, table.version()))
                .orElseThrow(() -> ProblemException.notFound("no price for model '" + model + "'"
                        + (provider == null ? "" : " of provider '" + provider + "'") + " in price table "
                        + table.version())));
    }

    @POST
    @Path("/reprice")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RepriceResponse> reprice(RepriceRequest request) {
        if (request != null && request.traceIds() != null) {
            for (int i = 0; i < request.traceIds().size(); i++) {
                String id = request.traceIds().get(i);
                if (id == null || StoredText.needsCleaning(id)) {
                    throw ProblemException.badRequest("trace_ids[" + i + "] must be a trace id, got "
                            + (id == null ? "null" : "text with a NUL character or a lone surrogate"));
                }
            }
        }
        return prices.ready().chain(() -> reprices.reprice(request == null ? null : request.traceIds()))
                .map(RepriceResponse::of);
    }

    /** Sets a per-deployment price (LiteLLM fields, plus litellm_provider and base_model); the table reloads. */
    @PUT
    @Path("/overrides/{model}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PriceView> putOverride(@PathParam("model") String model, Map<String, Object> fields) {
        if (fields == null) {
            throw ProblemException.badRequest("a JSON object of rates is required, e.g. {\"input_cost_per_token\": 0.000001}");
        }
        PriceOverride override = OverrideFields.toOverride(model, fields);
        if (override.rates().isEmpty() && prices.resolve(override.litellmProvider(), override.baseModel()).isEmpty()) {
            throw ProblemException.badRequest("base_model '" + override.baseModel() + "' has no price to inherit");
        }
        return overrides.upsert(override).chain(prices::reload).map(table -> ModelNameResolver.resolve(table,
                override.litellmProvider(), model).map(resolved -> PriceView.of(resolved, table.version()))
                .orElseThrow(() -> ProblemException.badRequest("override of '" + model + "' resolves to no price")));
    }

    @DELETE
    @Path("/overrides/{model}")
    public Uni<Void> deleteOverride(@PathParam("model") String model) {
        return overrides.delete(model).chain(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("no override for model '" + model + "'");
            }
            return prices.reload().replaceWithVoid();
        });
    }
}
