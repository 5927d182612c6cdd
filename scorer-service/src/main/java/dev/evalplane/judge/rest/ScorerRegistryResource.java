package dev.evalplane.judge.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.StoredText;

import dev.evalplane.judge.domain.RegisteredScorer;
import dev.evalplane.judge.service.ScorerRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
    public Uni<RestResponse<ObjectNode>> register(@PathParam("experiment_id") String experimentId, String body) {
        return registry.register(experimentId, read(body)).map(s -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, view(s))
                .location(URI.create("/api/v1/experiments/" + encode(experimentId) + "/scorers/" + encode(s.name())
                        + "?version=" + s.version())).build());
    }

    @GET
    public Uni<ObjectNode> list(@PathParam("experiment_id") String experimentId) {
        return registry.latest(experimentId).map(this::list);
    }

    @GET
    @Path("/{name}")
    public Uni<ObjectNode> get(@PathParam("experiment_id") String experimentId, @PathParam("name") String name,
            @QueryParam("version") String version) {
        return registry.get(experimentId, name, version(version)).map(this::view);
    }

    @GET
    @Path("/{name}/versions")
    public Uni<ObjectNode> versions(@PathParam("experiment_id") String experimentId, @PathParam("name") String name) {
        return registry.versions(experimentId, name).map(this::list);
    }

    @DELETE
    @Path("/{name}")
    public Uni<ObjectNode> delete(@PathParam("experiment_id") String experimentId, @PathParam("name") String name,
            @QueryParam("version") String version) {
        Integer wanted = version(version);
        return registry.delete(experimentId, name, wanted).map(count -> {
            ObjectNode out = json.createObjectNode().put("name", name).put("deleted_versions", count);
            return wanted == null ? out : out.put("version", wanted);
        });
    }

    private ObjectNode list(List<RegisteredScorer> scorers) {
        ObjectNode out = json.createObjectNode();
        var array = out.putArray("scorers");
        scorers.forEach(s -> array.add(view(s)));
        return out;
    }

    private ObjectNode view(RegisteredScorer s) {
        ObjectNode view = json.createObjectNode();
        view.put("name", s.name());
        view.put("version", s.version());
        view.put("description", s.description());
        view.set("scorer", s.scorer());
        view.put("created_at", s.createdAt().toString());
        view.put("experiment_id", s.experimentId());
        view.put("scorer_id", s.scorerId());
        if (s.mlflowScorer() != null) {
            view.put("mlflow_scorer", s.mlflowScorer());
        }
        return view;
    }

    private JsonNode read(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidScorer("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        String unstorable = StoredText.firstUnstorable(root);
        if (unstorable != null) {
            throw ProblemException.invalidScorer(unstorable + " contains a NUL character or a lone surrogate, which"
                    + " cannot be stored");
        }
        return root;
    }

    private static Integer version(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(version.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidScorer("version must be a positive whole number, got '" + version + "'");
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
