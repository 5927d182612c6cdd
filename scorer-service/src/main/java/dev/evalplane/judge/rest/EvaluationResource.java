package dev.evalplane.judge.rest;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.domain.EvaluationRun;
import dev.evalplane.judge.client.TraceServiceClient;
import dev.evalplane.judge.service.EvaluationService;
import dev.evalplane.judge.service.ScorerRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
    public Uni<RestResponse<ObjectNode>> start(String body) {
        // reading, building and checking a request (up to 10 MB, user regexes over every row) happens on a worker
        // thread: the event loop keeps serving health checks and other requests meanwhile
        return Uni.createFrom().item(() -> parser.read(body)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(root -> registry.resolve(EvaluationRequestParser.experimentId(root), root.get("scorers"))
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(scorers -> parser.parse((ObjectNode) root.set("scorers", scorers))))
                .call(parser::resolveRemoteHosts)
                .chain(service::start).map(run -> {
            ObjectNode accepted = json.createObjectNode().put("run_id", run.runId()).put("status", run.status());
            return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, accepted)
                    .location(URI.create("/api/v1/evaluations/" + run.runId())).build();
        });
    }

    @GET
    @Path("/{run_id}")
    public Uni<ObjectNode> get(@PathParam("run_id") String runId) {
        return existing(runId).chain(run -> judgeCost(run).map(cost -> views.view(run, cost)));
    }

    /** The runs, newest first, each with the judge cost its run page shows (one request to trace-service). */
    @GET
    public Uni<ObjectNode> list(@QueryParam("experiment_id") String experimentId) {
        return service.list(experimentId).chain(runs -> traces.runJudgeCosts(runs.stream().map(EvaluationRun::runId)
                .toList())
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("run list without priced judge costs: %s", e.getMessage());
                    return Map.of();
                })
                .map(costs -> {
                    ObjectNode out = json.createObjectNode();
                    var array = out.putArray("runs");
                    runs.forEach(run -> array.add(views.view(run, costs.containsKey(run.runId())
                            ? costs.get(run.runId()) : views.localJudgeCost(run, "trace-service did not answer"))));
                    return out;
                }));
    }

    @POST
    @Path("/{run_id}/cancel")
    public Uni<RestResponse<ObjectNode>> cancel(@PathParam("run_id") String runId) {
        return existing(runId).chain(run -> service.cancel(runId).map(requested -> {
            if (!requested) {
                throw new ProblemException(409, "run-not-running", "Run is not running",
                        "run " + runId + " is " + run.status());
            }
            return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED,
                    json.createObjectNode().put("run_id", runId).put("status", "CANCELLING")).build();
        }));
    }

    private Uni<EvaluationRun> existing(String runId) {
        return service.find(runId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no evaluation run with id " + runId));
    }

    /** trace-service's priced judge cost for the run when it answers; our own token counters otherwise. */
    private Uni<JsonNode> judgeCost(EvaluationRun run) {
        return traces.runSummary(run.runId())
                .map(summary -> {
                    JsonNode cost = summary.get("judge_cost");
                    return cost != null && cost.isObject() ? cost
                            : views.localJudgeCost(run, "trace-service summary had no judge_cost");
                })
                .onFailure().recoverWithItem(e -> views.localJudgeCost(run, e.getMessage()));
    }

}
