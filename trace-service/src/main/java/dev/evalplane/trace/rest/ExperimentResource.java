package dev.evalplane.trace.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.evalplane.events.http.ExperimentCreateRequest;
import dev.evalplane.events.http.ExperimentSearchRequest;
import dev.evalplane.events.http.ProblemRefs;
import dev.evalplane.events.http.TagEdit;
import dev.evalplane.events.http.Storable;
import dev.evalplane.trace.domain.Experiment;
import dev.evalplane.trace.domain.ExperimentList;
import dev.evalplane.trace.domain.ExperimentPage;
import dev.evalplane.trace.service.ExperimentService;
import dev.evalplane.trace.service.TraceService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
@Tag(name = "Experiments")
public class ExperimentResource {

    private final TraceService traces;
    private final ExperimentService experiments;
    public ExperimentResource(TraceService traces, ExperimentService experiments) {
        this.traces = traces;
        this.experiments = experiments;
    }

    @GET
    @Operation(summary = "Experiments seen in stored traces, with trace counts")
    public Uni<ExperimentList> list() {
        return traces.experiments();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a named experiment")
    @APIResponse(responseCode = "201", description = "the experiment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class)))
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ProblemRefs.CONFLICT)
    public Uni<Response> create(
            @Valid @Storable @NotNull(message = ProblemRefs.BODY_REQUIRED) ExperimentCreateRequest request) {
        return experiments.create(request.name(), request.tags())
                .map(e -> Response.status(Response.Status.CREATED).entity(e).build());
    }

    @GET
    @Path("/{experiment_id}")
    @Operation(summary = "An experiment by id")
    @APIResponse(responseCode = "200", description = "the experiment")
    @APIResponse(responseCode = "404", ref = ProblemRefs.NOT_FOUND)
    public Uni<Experiment> get(@RestPath("experiment_id") String experimentId) {
        return experiments.get(experimentId);
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search experiments (name, tags, times), or look one up by exact name")
    @APIResponse(responseCode = "200", description = "one page of experiments")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    public Uni<ExperimentPage> search(
            @Valid @Storable @NotNull(message = ProblemRefs.BODY_REQUIRED) ExperimentSearchRequest request) {
        if (request.name() != null) {
            return experiments.byName(request.name())
                    .map(e -> new ExperimentPage(e == null ? List.of() : List.of(e), null));
        }
        return experiments.search(request.filterString(), request.orderBy(), request.maxResults(), request.pageToken());
    }

    @PATCH
    @Path("/{experiment_id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set and delete experiment tags")
    @APIResponse(responseCode = "200", description = "the experiment with its new tags")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemRefs.NOT_FOUND)
    public Uni<Experiment> editTags(@RestPath("experiment_id") String experimentId,
            @Valid @Storable @NotNull(message = ProblemRefs.BODY_REQUIRED) TagEdit request) {
        return experiments.editTags(experimentId, request.set(), request.delete());
    }
}
