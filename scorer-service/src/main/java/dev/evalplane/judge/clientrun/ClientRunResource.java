package dev.evalplane.judge.clientrun;

import java.net.URI;


import dev.evalplane.judge.rest.ProblemException;
import dev.evalplane.judge.rest.RunView;
import dev.evalplane.judge.rest.RunViews;
import dev.evalplane.judge.domain.ClientRunCreate;
import dev.evalplane.judge.domain.ClientRunUpdate;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The MLflow client's own runs, for the gateway's MLflow layer (runs/create, update, log-batch, set-tag, ...): create
 * one (201), write to one (200); both answer the run view of {@code GET /api/v1/evaluations/{run_id}}. Not part of the
 * public API: the gateway does not proxy {@code /api/v1/client-runs}.
 */
@Path("/api/v1/client-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
public class ClientRunResource {

    private final ClientRunService service;
    private final RunViews views;
    public ClientRunResource(ClientRunService service, RunViews views) {
        this.service = service;
        this.views = views;
    }

    @POST
    @Operation(summary = "Create a run the MLflow client writes itself (runs/create)")
    @APIResponse(responseCode = "201", description = "the client run as stored",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    public Uni<RestResponse<RunView>> create(ClientRunCreate body) {
        return service.create(required(body)).map(run -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, views.view(run, views.localJudgeCost(run, "client run")))
                .location(URI.create("/api/v1/evaluations/" + run.runId())).build());
    }

    @POST
    @Path("/{run_id}")
    @Operation(summary = "Log to a client run: status, end time, name, metrics, params, tags")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunView.class)))
    public Uni<RunView> update(@PathParam("run_id") String runId, ClientRunUpdate body) {
        return service.update(runId, required(body)).map(run -> views.view(run, views.localJudgeCost(run, "client run")));
    }

    private static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.badRequest("the request body must be a JSON object");
        }
        return body;
    }
}
