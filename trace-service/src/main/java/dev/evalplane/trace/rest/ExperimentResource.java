package dev.evalplane.trace.rest;

import java.util.List;

import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalplane.trace.domain.Experiment;
import dev.evalplane.trace.domain.ExperimentList;
import dev.evalplane.trace.domain.ExperimentPage;
import dev.evalplane.trace.service.ExperimentRequests;
import dev.evalplane.trace.service.ExperimentService;
import dev.evalplane.trace.service.TraceService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Experiments: the ones seen in stored traces with trace counts ({@code GET}), and named experiments with tags
 * (create, get, search, tag edits), which the gateway's MLflow API translates to.
 */
@Path("/api/v1/experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {

    private final TraceService traces;
    private final ExperimentService experiments;
    private final JsonBody json;

    public ExperimentResource(TraceService traces, ExperimentService experiments, JsonBody json) {
        this.traces = traces;
        this.experiments = experiments;
        this.json = json;
    }

    @GET
    public Uni<ExperimentList> list() {
        return traces.experiments();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(String body) throws JsonProcessingException {
        ExperimentRequests.Create request = read(body, ExperimentRequests.Create.class);
        return experiments.create(request.name(), request.tags())
                .map(e -> Response.status(Response.Status.CREATED).entity(e).build());
    }

    @GET
    @Path("/{experiment_id}")
    public Uni<Experiment> get(@RestPath("experiment_id") String experimentId) {
        return experiments.get(experimentId);
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ExperimentPage> search(String body) throws JsonProcessingException {
        ExperimentRequests.Search request = read(body, ExperimentRequests.Search.class);
        if (request.name() != null) {
            return experiments.byName(request.name())
                    .map(e -> new ExperimentPage(e == null ? List.of() : List.of(e), null));
        }
        return experiments.search(request.filterString(), request.orderBy(), request.maxResults(), request.pageToken());
    }

    @PATCH
    @Path("/{experiment_id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Experiment> editTags(@RestPath("experiment_id") String experimentId, String body)
            throws JsonProcessingException {
        ExperimentRequests.TagEdit request = read(body, ExperimentRequests.TagEdit.class);
        return experiments.editTags(experimentId, request.set(), request.delete());
    }

    private <T> T read(String body, Class<T> type) throws JsonProcessingException {
        return json.read(body, type);
    }
}
