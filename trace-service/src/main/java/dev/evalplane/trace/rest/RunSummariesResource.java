package dev.evalplane.trace.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.evalplane.events.http.ProblemRefs;
import dev.evalplane.events.http.RunSummaries;
import dev.evalplane.trace.service.EvaluationService;
import dev.evalplane.trace.service.ValidationException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/evaluations/summaries}: the summaries of several runs in one request, each as
 * {@code GET /api/v1/evaluations/{run_id}/summary} answers it (so a run list shows the same cost as the run page).
 * Service-to-service (scorer-service's run list); the gateway does not route it.
 */
@Path("/api/v1/evaluations/summaries")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluation results")
public class RunSummariesResource {

    static final int MAX_RUNS = 200;
    private static final int MAX_RUN_ID_LENGTH = 200;

    private final EvaluationService service;

    public RunSummariesResource(EvaluationService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Several runs' summaries in one request (service to service)")
    @APIResponse(responseCode = "200", description = "each run's summary")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    public Uni<RunSummaries.Response> summaries(RunSummaries.Request request) {
        List<String> runIds = validated(request);
        return service.summaries(runIds).map(RunSummaries.Response::new);
    }

    private static List<String> validated(RunSummaries.Request request) {
        if (request == null || request.runIds() == null) {
            throw new ValidationException("run_ids is required: a list of run ids");
        }
        if (request.runIds().size() > MAX_RUNS) {
            throw new ValidationException("run_ids has " + request.runIds().size() + " ids; at most " + MAX_RUNS);
        }
        for (String runId : request.runIds()) {
            if (runId == null || runId.isBlank() || runId.length() > MAX_RUN_ID_LENGTH || runId.indexOf('\0') >= 0) {
                throw new ValidationException("run_ids holds an invalid run id: each is 1-" + MAX_RUN_ID_LENGTH
                        + " characters without NUL");
            }
        }
        return request.runIds().stream().distinct().toList();
    }
}
