package dev.evalplane.cost.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import dev.evalplane.events.http.PriceView;
import dev.evalplane.events.http.ProblemRefs;
import io.smallrye.mutiny.Uni;

/** Price lookup, per-deployment overrides, and re-pricing of stored span costs. */
@Path("/api/v1/prices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Prices")
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
    @Operation(summary = "A model's price: how its name resolved, its rates per token, their source")
    @APIResponse(responseCode = "200", description = "the price")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemRefs.NOT_FOUND)
    public Uni<PriceView> price(@QueryParam("model") String model, @QueryParam("provider") String provider) {
        if (model == null || model.isBlank()) {
            throw ProblemException.badRequest("query parameter 'model' is required, e.g. ?model=openai:/gpt-4.1-mini");
        }
        return prices.ready().map(first -> prices.current()).map(table -> ModelNameResolver.resolve(table, provider,
                model).map(resolved -> PriceViews.of(resolved, table.version()))
                .orElseThrow(() -> ProblemException.notFound("no price for model '" + model + "'"
                        + (provider == null ? "" : " of provider '" + provider + "'") + " in price table "
                        + table.version())));
    }

    @POST
    @Path("/reprice")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-price stored span costs with the current price table (admin)")
    @APIResponse(responseCode = "200", description = "what the re-price did")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    public Uni<RepriceResponse> reprice(@Valid RepriceRequest request) {
        return prices.ready().chain(() -> reprices.reprice(request == null ? null : request.traceIds()))
                .map(RepriceResponse::of);
    }

    /** Sets a per-deployment price (LiteLLM fields, plus litellm_provider and base_model); the table reloads. */
    @PUT
    @Path("/overrides/{model}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a per-deployment price for a model (admin)")
    @APIResponse(responseCode = "200", description = "the model's price with the override applied")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    public Uni<PriceView> putOverride(@PathParam("model") String model,
            @Valid @NotNull(message = ProblemRefs.BODY_REQUIRED) PriceOverrideRequest body) {
        PriceOverride override = OverrideFields.toOverride(model, body.fields());
        if (override.rates().isEmpty() && prices.resolve(override.litellmProvider(), override.baseModel()).isEmpty()) {
            throw ProblemException.badRequest("base_model '" + override.baseModel() + "' has no price to inherit");
        }
        return overrides.upsert(override).chain(prices::reload).map(table -> ModelNameResolver.resolve(table,
                override.litellmProvider(), model).map(resolved -> PriceViews.of(resolved, table.version()))
                .orElseThrow(() -> ProblemException.badRequest("override of '" + model + "' resolves to no price")));
    }

    @DELETE
    @Path("/overrides/{model}")
    @Operation(summary = "Remove a model's override (admin)")
    @APIResponse(responseCode = "204", description = "removed")
    @APIResponse(responseCode = "404", ref = ProblemRefs.NOT_FOUND)
    public Uni<Void> deleteOverride(@PathParam("model") String model) {
        return overrides.delete(model).chain(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("no override for model '" + model + "'");
            }
            return prices.reload().replaceWithVoid();
        });
    }
}
