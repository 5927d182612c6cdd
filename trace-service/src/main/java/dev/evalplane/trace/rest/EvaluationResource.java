package dev.evalplane.trace.rest;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.evalplane.events.http.ProblemRefs;
import dev.evalplane.events.http.Storable;
import dev.evalplane.events.http.RunLinkRequest;
import dev.evalplane.events.http.RunSummary;
import dev.evalplane.trace.domain.EvaluationPage;
import dev.evalplane.trace.service.ClientRunLinks;
import dev.evalplane.trace.service.EvaluationService;
import dev.evalplane.support.error.InvalidInputException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The evaluation list of a run and its summary (judge traces excluded, seed rule applied, exact totals), and the
 * gateway's MLflow link-to-run for runs the MLflow client created ({@code POST .../links}, not proxied publicly).
 */
@Path("/api/v1/evaluations/{run_id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluation results")
public class EvaluationResource {

    private final EvaluationService service;
    private final ClientRunLinks clientLinks;

    public EvaluationResource(EvaluationService service, ClientRunLinks clientLinks) {
        this.service = service;
        this.clientLinks = clientLinks;
    }

    /** {@code {trace_ids: [...]}}: the traces join the run's evaluation list. */
    public record Linked(@JsonProperty("run_id") String runId, int linked) {
    }

    @POST
    @Path("/links")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link traces into a run the MLflow client created (service to service)")
    @APIResponse(responseCode = "200", description = "how many traces were linked")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemRefs.NOT_FOUND)
    public Uni<Linked> link(@RestPath("run_id") String runId,
            @Valid @Storable @NotNull(message = ProblemRefs.BODY_REQUIRED) RunLinkRequest request) {
        return clientLinks.link(runId, request.traceIds()).map(n -> new Linked(runId, n));
    }

    @GET
    @Path("/traces")
    @Operation(summary = "A run's evaluation list: evaluated traces with their assessments and judge cost")
    @APIResponse(responseCode = "200", description = "one page of the list, with the exact total")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    public Uni<EvaluationPage> traces(@RestPath("run_id") String runId, @RestQuery("page_size") String pageSize,
            @RestQuery("page_token") String pageToken) {
        return service.list(runId, pageSize(pageSize), pageToken);
    }

    @GET
    @Path("/summary")
    @Operation(summary = "A run's totals: judge cost and tokens, per-scorer cost and pass rates")
    @APIResponse(responseCode = "200", description = "the summary (empty for a run without listed traces)")
    public Uni<RunSummary> summary(@RestPath("run_id") String runId) {
        return service.summary(runId);
    }

    private static Integer pageSize(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("page_size must be a whole number, got \"" + value + "\"");
        }
    }
}
