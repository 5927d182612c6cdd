package dev.evalplane.judge.clientrun;

import java.net.URI;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.rest.ProblemException;
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
    private final ObjectMapper json;

    public ClientRunResource(ClientRunService service, RunViews views, ObjectMapper json) {
        this.service = service;
        this.views = views;
        this.json = json;
    }

    @POST
    public Uni<RestResponse<ObjectNode>> create(String body) {
        return service.create(read(body, ClientRunCreate.class)).map(run -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, views.view(run, views.localJudgeCost(run, "client run")))
                .location(URI.create("/api/v1/evaluations/" + run.runId())).build());
    }

    @POST
    @Path("/{run_id}")
    public Uni<ObjectNode> update(@PathParam("run_id") String runId, String body) {
        return service.update(runId, read(body, ClientRunUpdate.class))
                .map(run -> views.view(run, views.localJudgeCost(run, "client run")));
    }

    private <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("the request body must be a JSON object");
        }
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw ProblemException.badRequest("the request body must be a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            throw ProblemException.badRequest(cause instanceof IllegalArgumentException ? cause.getMessage()
                    : "the request body is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }
}
