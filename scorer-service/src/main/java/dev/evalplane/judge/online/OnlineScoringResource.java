package dev.evalplane.judge.online;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.evalplane.events.http.OnlineConfigView;
import dev.evalplane.events.http.OnlineScoringStart;
import dev.evalplane.events.http.OnlineScoringUpdate;
import dev.evalplane.support.json.StrictFields;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Online scoring of a registered scorer: {@code POST .../scorers/{name}/start|update|stop}, {@code GET
 * .../scorers/{name}/online}, and the experiment's monitoring view {@code GET /api/v1/experiments/{id}/online-scorers}.
 */
@Path("/api/v1/experiments/{experiment_id}")
@Produces(MediaType.APPLICATION_JSON)
public class OnlineScoringResource {

    static final String BODY_REQUIRED = "is required: a JSON object {sample_rate, filter_string?, daily_budget_usd?}";

    private final OnlineScoringService service;

    public OnlineScoringResource(OnlineScoringService service) {
        this.service = service;
    }

    @POST
    @Path("/scorers/{name}/start")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @CustomDeserialization(StrictFields.class)
    @Operation(summary = "Start scoring the experiment's new traces with a registered scorer (and backfill stored ones)")
    public Uni<OnlineConfigView> start(@PathParam("experiment_id") String experimentId, @PathParam("name") String name,
            @Valid @NotNull(message = BODY_REQUIRED) OnlineScoringStart body) {
        return service.start(experimentId, name, OnlineScoringRequest.of(body));
    }

    @POST
    @Path("/scorers/{name}/update")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @CustomDeserialization(StrictFields.class)
    @Operation(summary = "Change a started scorer: absent fields keep their value, a null filter or budget clears it")
    public Uni<OnlineConfigView> update(@PathParam("experiment_id") String experimentId, @PathParam("name") String name,
            @Valid @NotNull(message = BODY_REQUIRED) OnlineScoringUpdate body) {
        return service.update(experimentId, name, OnlineScoringRequest.of(body));
    }

    @POST
    @Path("/scorers/{name}/stop")
    public Uni<OnlineConfigView> stop(@PathParam("experiment_id") String experimentId, @PathParam("name") String name) {
        return service.stop(experimentId, name);
    }

    @GET
    @Path("/scorers/{name}/online")
    public Uni<OnlineConfigView> get(@PathParam("experiment_id") String experimentId, @PathParam("name") String name) {
        return service.get(experimentId, name);
    }

    @GET
    @Path("/online-scorers")
    public Uni<MonitoringView> monitoring(@PathParam("experiment_id") String experimentId,
            @QueryParam("bucket") String bucket) {
        return service.monitoring(experimentId, bucket);
    }
}
