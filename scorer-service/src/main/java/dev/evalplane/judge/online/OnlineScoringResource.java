package dev.evalplane.judge.online;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
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

    private final OnlineScoringService service;
    private final ObjectMapper json;

    public OnlineScoringResource(OnlineScoringService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @POST
    @Path("/scorers/{name}/start")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    public Uni<OnlineConfigView> start(@PathParam("experiment_id") String experimentId, @PathParam("name") String name,
            String body) {
        return service.start(experimentId, name, OnlineScoringRequest.parse(read(body), true));
    }

    @POST
    @Path("/scorers/{name}/update")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    public Uni<OnlineConfigView> update(@PathParam("experiment_id") String experimentId, @PathParam("name") String name,
            String body) {
        return service.update(experimentId, name, OnlineScoringRequest.parse(read(body), false));
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

    private JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw OnlineScoringRequest.invalid("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
