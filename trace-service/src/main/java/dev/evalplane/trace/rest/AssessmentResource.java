package dev.evalplane.trace.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.evalplane.events.http.Assessment;
import dev.evalplane.events.http.AssessmentCreateRequest;
import dev.evalplane.events.http.AssessmentPatchRequest;
import dev.evalplane.events.http.ProblemRefs;
import dev.evalplane.support.json.StrictFields;
import dev.evalplane.trace.service.AssessmentService;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
@Tag(name = "Assessments")
public class AssessmentResource {

    private final AssessmentService service;

    public AssessmentResource(AssessmentService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictFields.class)
    @Operation(summary = "Log a feedback or expectation on a trace")
    @APIResponse(responseCode = "201", description = "the stored assessment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Assessment.class)))
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemRefs.NOT_FOUND)
    public Uni<Response> create(@RestPath("trace_id") String traceId,
            @Valid @NotNull(message = ProblemRefs.BODY_REQUIRED) AssessmentCreateRequest body) {
        return service.create(traceId, body).map(a -> Response.status(Response.Status.CREATED).entity(a).build());
    }

    @PATCH
    @Path("/{assessment_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(StrictFields.class)
    @Operation(summary = "Update an assessment (name, value, rationale, metadata, valid)")
    @APIResponse(responseCode = "200", description = "the updated assessment")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemRefs.NOT_FOUND)
    public Uni<Assessment> update(@RestPath("trace_id") String traceId, @RestPath("assessment_id") String assessmentId,
            @Valid @NotNull(message = ProblemRefs.BODY_REQUIRED) AssessmentPatchRequest body) {
        return service.update(traceId, assessmentId, body);
    }

    @DELETE
    @Path("/{assessment_id}")
    @Operation(summary = "Delete an assessment")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "404", ref = ProblemRefs.NOT_FOUND)
    public Uni<Response> delete(@RestPath("trace_id") String traceId, @RestPath("assessment_id") String assessmentId) {
        return service.delete(traceId, assessmentId).map(ignored -> Response.noContent().build());
    }
}
