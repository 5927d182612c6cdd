package dev.evalplane.judge.rest;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.support.problem.Problem;
import dev.evalplane.events.http.RunSummary;
import dev.evalplane.judge.domain.EvaluationRun;
import dev.evalplane.judge.client.TraceServiceClient;
import dev.evalplane.judge.service.EvaluationService;
import dev.evalplane.judge.service.ScorerRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
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

/** Evaluation runs: start one (202), read one, list them, cancel one. */
@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private final EvaluationRequestParser parser;
    private final EvaluationService service;
    private final TraceServiceClient traces;
    private final RunViews views;
    private final ObjectMapper json;
    private final ScorerRegistry registry;

    public EvaluationResource(EvaluationRequestParser parser, EvaluationService service, TraceServiceClient traces,
            RunViews views, ObjectMapper json, ScorerRegistry registry) {
        this.registry = registry;
        this.parser = parser;
        this.service = service;
        this.traces = traces;
        this.views = views;
        this.json = json;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Blocking // binding and checking a request (up to 10 MB, user regexes over every row) happens on a worker thread
    @Operation(summary = "Start an evaluation run", description = "Checks everything up front (one row source, every"
            + " scorer buildable, rows that give every scorer what it needs), then runs in the background.")
    @APIResponse(responseCode = "202", description = "the run started; Location is its page",
            content = @Content(schema = @Schema(implementation = RunView.Accepted.class)))
    @APIResponse(responseCode = "400", description = "the request names what is wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public RestResponse<RunView.Accepted> start(@Valid EvaluationRequestBody body) {
        // Every step runs on this worker thread and the answer is returned from it: a Uni completing on another
        // worker thread made RESTEasy Reactive resume the request there, which now and then found the request context
        // already gone (ContextNotActiveException, a 500 for a valid request).
        EvaluationRequestBody request = parser.check(body);
        var scorers = registry.resolve(request.experimentOrDefault(), request.scorers()).await().indefinitely();
        var parsed = parser.parse(request, scorers);
        parser.resolveRemoteHosts(parsed).await().indefinitely();
        EvaluationRun run = service.start(parsed).await().indefinitely();
        return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED,
                new RunView.Accepted(run.runId(), run.status()))
                .location(URI.create("/api/v1/evaluations/" + run.runId())).build();
    }

    @GET
    @Path("/{run_id}")
    @Operation(summary = "A run: status, counters, metrics and judge cost")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "no such run", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<RunView> get(@PathParam("run_id") String runId) {
        return existing(runId).chain(run -> summarised(run));
    }

    /** The runs, newest first, each with the judge cost its run page shows (one request to trace-service). */
    @GET
    @Operation(summary = "The runs of an experiment (of all experiments without experiment_id), newest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RunView.Page.class)))
    public Uni<RunView.Page> list(@QueryParam("experiment_id") String experimentId) {
        return service.list(experimentId).chain(runs -> traces.runJudgeCosts(runs.stream().map(EvaluationRun::runId)
                .toList())
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("run list without priced judge costs: %s", e.getMessage());
                    return Map.of();
                })
                .map(costs -> new RunView.Page(runs.stream().map(run -> views.view(run, costs.containsKey(run.runId())
                        ? costs.get(run.runId()) : views.localJudgeCost(run, "trace-service did not answer")))
                        .toList())));
    }

    @POST
    @Path("/{run_id}/cancel")
    @Operation(summary = "Ask a running run to stop")
    @APIResponse(responseCode = "202", description = "the run is asked to stop",
            content = @Content(schema = @Schema(implementation = RunView.Accepted.class)))
    @APIResponse(responseCode = "409", description = "the run is not running",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Uni<RestResponse<RunView.Accepted>> cancel(@PathParam("run_id") String runId) {
        return existing(runId).chain(run -> service.cancel(runId).map(requested -> {
            if (!requested) {
                throw new ProblemException(409, "run-not-running", "Run is not running",
                        "run " + runId + " is " + run.status());
            }
            return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED,
                    new RunView.Accepted(runId, "CANCELLING")).build();
        }));
    }

    private Uni<EvaluationRun> existing(String runId) {
        return service.find(runId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no evaluation run with id " + runId));
    }

    /** trace-service's priced judge cost for the run when it answers; our own token counters otherwise. */
    private Uni<RunView> summarised(EvaluationRun run) {
        return traces.runSummary(run.runId())
                .map(json -> {
                    RunSummary summary = summaryOf(json);
                    return summary == null || summary.judgeCost() == null
                            ? views.view(run, views.localJudgeCost(run, "trace-service summary had no judge_cost"))
                            : views.view(run, this.json.valueToTree(summary.judgeCost()), summary.scorers());
                })
                .onFailure().recoverWithItem(e -> views.view(run, views.localJudgeCost(run, e.getMessage())));
    }

    private RunSummary summaryOf(JsonNode summary) {
        try {
            return json.treeToValue(summary, RunSummary.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

}
