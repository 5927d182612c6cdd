package dev.evalplane.trace.rest;

import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalplane.trace.domain.Assessment;
import dev.evalplane.trace.service.AssessmentService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Human feedback and expectations on a trace: create (201), update, delete (204). */
@Path("/api/v1/traces/{trace_id}/assessments")
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentResource {

    private final AssessmentService service;
    private final JsonBody json;

    public AssessmentResource(AssessmentService service, JsonBody json) {
        this.service = service;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@RestPath("trace_id") String traceId, String body) throws JsonProcessingException {
        return service.create(traceId, json.parse(body))
                .map(a -> Response.status(Response.Status.CREATED).entity(a).build());
    }

    @PATCH
    @Path("/{assessment_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Assessment> update(@RestPath("trace_id") String traceId, @RestPath("assessment_id") String assessmentId,
            String body) throws JsonProcessingException {
        return service.update(traceId, assessmentId, json.parse(body));
    }

    @DELETE
    @Path("/{assessment_id}")
    public Uni<Response> delete(@RestPath("trace_id") String traceId, @RestPath("assessment_id") String assessmentId) {
        return service.delete(traceId, assessmentId).map(ignored -> Response.noContent().build());
    }
}
