package dev.evalplane.judge.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.ScorerVersions;
import dev.evalplane.support.problem.Problem;
import dev.evalplane.events.StoredText;

import dev.evalplane.judge.domain.RegisteredScorer;
import dev.evalplane.judge.service.ScorerRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * An experiment's scorer registry: register (the same name again is the next version), list the latest versions, get
 * one version (the latest by default), list a name's versions, delete one version or all of them. A scorer is
 * {@code {name, version, description, scorer, created_at}}.
 */
@Path("/api/v1/experiments/{experiment_id}/scorers")
@Produces(MediaType.APPLICATION_JSON)
public class ScorerRegistryResource {

    private final ScorerRegistry registry;
    private final ObjectMapper json;

    public ScorerRegistryResource(ScorerRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Operation(summary = "Register a scorer (the same name again is its next version)")
    @APIResponse(responseCode = "201", description = "the registered scorer version",
            content = @Content(schema = @Schema(implementation = ScorerRegistration.View.class)))
    @APIResponse(responseCode = "400", description = "the request names what is wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<RestResponse<ScorerRegistration.View>> register(@PathParam("experiment_id") String experimentId,
            @Valid ScorerRegistration.Request body) {
        ScorerRegistration.Request request = storable(body);
        return registry.register(experimentId, request.name(), request.description(), request.scorer(),
                request.mlflowScorer()).map(s -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, ScorerRegistration.View.of(s))
                .location(URI.create("/api/v1/experiments/" + encode(experimentId) + "/scorers/" + encode(s.name())
                        + "?version=" + s.version())).build());
    }

    @GET
    @Operation(summary = "The latest version of every scorer registered in the experiment")
    public Uni<ScorerRegistration.Page> list(@PathParam("experiment_id") String experimentId) {
        return registry.latest(experimentId).map(ScorerRegistryResource::page);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One version of a registered scorer (the latest without version)")
    public Uni<ScorerRegistration.View> get(@PathParam("experiment_id") String experimentId,
            @PathParam("name") String name, @QueryParam("version") String version) {
        return registry.get(experimentId, name, version(version)).map(ScorerRegistration.View::of);
    }

    @GET
    @Path("/{name}/versions")
    @Operation(summary = "Every version of a registered scorer")
    public Uni<ScorerRegistration.Page> versions(@PathParam("experiment_id") String experimentId,
            @PathParam("name") String name) {
        return registry.versions(experimentId, name).map(ScorerRegistryResource::page);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete one version of a registered scorer, or all of them without version")
    public Uni<ScorerRegistration.Deleted> delete(@PathParam("experiment_id") String experimentId,
            @PathParam("name") String name, @QueryParam("version") String version) {
        Integer wanted = version(version);
        return registry.delete(experimentId, name, wanted)
                .map(count -> new ScorerRegistration.Deleted(name, count, wanted));
    }

    private static ScorerRegistration.Page page(List<RegisteredScorer> scorers) {
        return new ScorerRegistration.Page(scorers.stream().map(ScorerRegistration.View::of).toList());
    }

    private ScorerRegistration.Request storable(ScorerRegistration.Request body) {
        if (body == null) {
            throw ProblemException.invalidScorer("the request body must be a JSON object {name, description?, scorer}");
        }
        String unstorable = StoredText.firstUnstorable(json.valueToTree(body));
        if (unstorable != null) {
            throw ProblemException.invalidScorer(unstorable + " contains a NUL character or a lone surrogate, which"
                    + " cannot be stored");
        }
        return body;
    }

    private static Integer version(String version) {
        try {
            return ScorerVersions.parse(version);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidScorer(e.getMessage());
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
