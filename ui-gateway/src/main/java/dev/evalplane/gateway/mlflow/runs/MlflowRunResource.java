package dev.evalplane.gateway.mlflow.runs;

import static dev.evalplane.gateway.mlflow.MlflowParams.encode;
import static dev.evalplane.gateway.mlflow.MlflowParams.required;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestQuery;

import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.mlflow.MlflowErrorCode;
import dev.evalplane.gateway.mlflow.MlflowException;
import dev.evalplane.gateway.mlflow.MlflowJson;
import dev.evalplane.gateway.mlflow.MlflowTag;
import dev.evalplane.gateway.mlflow.ServiceCalls;
import dev.evalplane.gateway.mlflow.runs.RunMessages.CreateRun;
import dev.evalplane.gateway.mlflow.runs.RunMessages.DeleteTag;
import dev.evalplane.gateway.mlflow.runs.RunMessages.LogBatch;
import dev.evalplane.gateway.mlflow.runs.RunMessages.LogInputs;
import dev.evalplane.gateway.mlflow.runs.RunMessages.LogMetric;
import dev.evalplane.gateway.mlflow.runs.RunMessages.LogParam;
import dev.evalplane.gateway.mlflow.runs.RunMessages.Metric;
import dev.evalplane.gateway.mlflow.runs.RunMessages.Param;
import dev.evalplane.gateway.mlflow.runs.RunMessages.Run;
import dev.evalplane.gateway.mlflow.runs.RunMessages.RunData;
import dev.evalplane.gateway.mlflow.runs.RunMessages.RunInfo;
import dev.evalplane.gateway.mlflow.runs.RunMessages.RunResponse;
import dev.evalplane.gateway.mlflow.runs.RunMessages.SearchRuns;
import dev.evalplane.gateway.mlflow.runs.RunMessages.SearchRunsResponse;
import dev.evalplane.gateway.mlflow.runs.RunMessages.ServiceRun;
import dev.evalplane.gateway.mlflow.runs.RunMessages.ServiceRunCreate;
import dev.evalplane.gateway.mlflow.runs.RunMessages.ServiceRunList;
import dev.evalplane.gateway.mlflow.runs.RunMessages.ServiceRunUpdate;
import dev.evalplane.gateway.mlflow.runs.RunMessages.SetTag;
import dev.evalplane.gateway.mlflow.runs.RunMessages.UpdateRun;
import dev.evalplane.gateway.mlflow.runs.RunMessages.UpdateRunResponse;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * MLflow's run API, what {@code mlflow.genai.evaluate} and MLflow client code call: runs/create, update, get,
 * log-batch, log-metric, log-parameter, set-tag, delete-tag, log-inputs, search. A run the client creates lives in
 * scorer-service next to evalplane's own evaluation runs (origin MLFLOW_CLIENT), so evalplane's run list and run view
 * show it; evalplane's own runs read through runs/get and runs/search too, but only their pipeline writes them.
 * Metrics keep their latest value per key (no history); dataset inputs are accepted and not stored.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes("*/*")
public abstract class MlflowRunResource {

    static final String CLIENT_RUNS = "/api/v1/client-runs";
    static final String RUNS = "/api/v1/evaluations";
    static final int MAX_SEARCH_RESULTS = 200;
    static final int MAX_SEARCH_EXPERIMENTS = 20;
    static final String RUN_NAME_TAG = "mlflow.runName";

    private final ServiceCalls services;
    private final MlflowJson json;

    protected MlflowRunResource(ServiceCalls services, MlflowJson json) {
        this.services = services;
        this.json = json;
    }

    @POST
    @Path("/create")
    public Uni<RunResponse> create(String body) {
        CreateRun request = json.read(body, CreateRun.class);
        Map<String, String> tags = MlflowTag.map(request.tags());
        String given = request.runName() != null && !request.runName().isEmpty() ? request.runName()
                : tags.get(RUN_NAME_TAG);
        // as MLflow's server does, a run created without a name gets a generated one
        String name = given != null && !given.isEmpty() ? given
                : "run-" + UUID.randomUUID().toString().substring(0, 8);
        return services.post(Upstream.SCORER_SERVICE, CLIENT_RUNS, new ServiceRunCreate(
                required("experiment_id", request.experimentId()), name, request.userId(), request.startTime(), tags),
                ServiceRun.class).map(run -> new RunResponse(run(run)));
    }

    @POST
    @Path("/update")
    public Uni<UpdateRunResponse> update(String body) {
        UpdateRun request = json.read(body, UpdateRun.class);
        String runId = runId(request.runId(), request.runUuid());
        Map<String, String> tags = request.runName() == null || request.runName().isEmpty() ? null
                : Map.of(RUN_NAME_TAG, request.runName());
        return write(runId, new ServiceRunUpdate(MlflowRunStatus.toEvalplane(request.status()), request.endTime(),
                request.runName() == null || request.runName().isEmpty() ? null : request.runName(), null, null, tags,
                null)).map(run -> new UpdateRunResponse(run(run).info()));
    }

    @GET
    @Path("/get")
    public Uni<RunResponse> get(@RestQuery("run_id") String runId, @RestQuery("run_uuid") String runUuid) {
        return services.get(Upstream.SCORER_SERVICE, RUNS + "/" + encode(runId(runId, runUuid)), ServiceRun.class)
                .onFailure(MlflowException.class).transform(e -> notFound((MlflowException) e, runId(runId, runUuid)))
                .map(run -> new RunResponse(run(run)));
    }

    @POST
    @Path("/log-batch")
    public Uni<Map<String, Object>> logBatch(String body) {
        LogBatch request = json.read(body, LogBatch.class);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (request.metrics() != null) {
            request.metrics().forEach(m -> metrics.put(required("key", m == null ? null : m.key()), value(m.value())));
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (request.params() != null) {
            request.params().forEach(p -> params.put(required("key", p == null ? null : p.key()),
                    p.value() == null ? "" : p.value()));
        }
        return write(required("run_id", request.runId()), new ServiceRunUpdate(null, null, null, metrics, params,
                MlflowTag.map(request.tags()), null)).map(run -> Map.of());
    }

    @POST
    @Path("/log-metric")
    public Uni<Map<String, Object>> logMetric(String body) {
        LogMetric request = json.read(body, LogMetric.class);
        return write(runId(request.runId(), request.runUuid()), ServiceRunUpdate.metrics(
                Map.of(required("key", request.key()), value(request.value())))).map(run -> Map.of());
    }

    @POST
    @Path("/log-parameter")
    public Uni<Map<String, Object>> logParameter(String body) {
        LogParam request = json.read(body, LogParam.class);
        return write(runId(request.runId(), request.runUuid()), ServiceRunUpdate.params(
                Map.of(required("key", request.key()), request.value() == null ? "" : request.value())))
                .map(run -> Map.of());
    }

    @POST
    @Path("/set-tag")
    public Uni<Map<String, Object>> setTag(String body) {
        SetTag request = json.read(body, SetTag.class);
        return write(runId(request.runId(), request.runUuid()), ServiceRunUpdate.tags(
                Map.of(required("key", request.key()), request.value() == null ? "" : request.value())))
                .map(run -> Map.of());
    }

    @POST
    @Path("/delete-tag")
    public Uni<Map<String, Object>> deleteTag(String body) {
        DeleteTag request = json.read(body, DeleteTag.class);
        return write(required("run_id", request.runId()), new ServiceRunUpdate(null, null, null, null, null, null,
                List.of(required("key", request.key())))).map(run -> Map.of());
    }

    /** Accepted for a client run (genai.evaluate logs its dataset); evalplane does not store dataset inputs. */
    @POST
    @Path("/log-inputs")
    public Uni<Map<String, Object>> logInputs(String body) {
        LogInputs request = json.read(body, LogInputs.class);
        return write(required("run_id", request.runId()), ServiceRunUpdate.tags(Map.of())).map(run -> Map.of());
    }

    @POST
    @Path("/search")
    public Uni<SearchRunsResponse> search(String body) {
        SearchRuns request = json.read(body, SearchRuns.class);
        if (request.filter() != null && !request.filter().isBlank()) {
            throw MlflowException.invalidParameter("evalplane does not filter runs: search runs without 'filter'"
                    + " (the runs of the given experiments, newest first)");
        }
        if (request.pageToken() != null && !request.pageToken().isEmpty()) {
            throw MlflowException.invalidParameter("evalplane answers run searches in one page: no page_token");
        }
        if (request.experimentIds() == null || request.experimentIds().isEmpty()) {
            throw MlflowException.missing("experiment_ids");
        }
        int max = request.maxResults() == null ? MAX_SEARCH_RESULTS : request.maxResults();
        if (max < 1 || max > MAX_SEARCH_RESULTS) {
            throw MlflowException.invalidParameter("max_results must be from 1 to " + MAX_SEARCH_RESULTS);
        }
        if (request.experimentIds().size() > MAX_SEARCH_EXPERIMENTS) {
            throw MlflowException.invalidParameter("at most " + MAX_SEARCH_EXPERIMENTS + " experiment_ids");
        }
        return Uni.join().all(request.experimentIds().stream().map(id -> services.get(Upstream.SCORER_SERVICE,
                RUNS + "?experiment_id=" + encode(id), ServiceRunList.class)).toList()).andFailFast()
                .map(lists -> {
                    List<ServiceRun> all = new ArrayList<>();
                    lists.forEach(l -> all.addAll(l.runs()));
                    all.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
                    return new SearchRunsResponse(all.stream().limit(max).map(MlflowRunResource::run).toList(), null);
                });
    }

    /** The client's write to its run; a run evalplane executed is PERMISSION_DENIED (only its pipeline writes it). */
    private Uni<ServiceRun> write(String runId, ServiceRunUpdate update) {
        return services.post(Upstream.SCORER_SERVICE, CLIENT_RUNS + "/" + encode(runId), update, ServiceRun.class)
                .onFailure(MlflowException.class).transform(e -> notOwned(notFound((MlflowException) e, runId), runId));
    }

    /** scorer-service's 409 for a write to a run evalplane executed. */
    private static MlflowException notOwned(MlflowException e, String runId) {
        return e.code() == MlflowErrorCode.RESOURCE_ALREADY_EXISTS
                ? new MlflowException(MlflowErrorCode.PERMISSION_DENIED, "Run " + runId + " is an evaluation evalplane"
                        + " executes: only its pipeline writes it") : e;
    }

    static Run run(ServiceRun run) {
        Long start = millis(run.createdAt());
        Long end = millis(run.finishedAt());
        RunInfo info = new RunInfo(run.runId(), run.runId(), run.name(), run.experimentId(),
                run.userId() == null ? "" : run.userId(), MlflowRunStatus.toMlflow(run.status()), start, end, "",
                "active");
        long at = end != null ? end : start;
        List<Metric> metrics = run.metrics() == null ? List.of() : run.metrics().entrySet().stream()
                .filter(e -> e.getValue() != null).map(e -> new Metric(e.getKey(), e.getValue(), at, 0L)).toList();
        List<Param> params = run.params() == null ? List.of() : run.params().entrySet().stream()
                .map(e -> new Param(e.getKey(), e.getValue())).toList();
        Map<String, String> tags = new LinkedHashMap<>();
        if (run.name() != null) {
            tags.put(RUN_NAME_TAG, run.name());
        }
        if (run.tags() != null) {
            tags.putAll(run.tags());
        }
        tags.put("evalplane.origin", run.origin());
        return new Run(info, new RunData(metrics, params, MlflowTag.list(tags)), Map.of());
    }

    private static MlflowException notFound(MlflowException e, String runId) {
        return e.code() == MlflowErrorCode.RESOURCE_DOES_NOT_EXIST
                ? MlflowException.notFound("Run with id=" + runId + " not found") : e;
    }

    private static String runId(String runId, String runUuid) {
        return required("run_id", runId != null && !runId.isEmpty() ? runId : runUuid);
    }

    private static Double value(Double value) {
        if (value == null) {
            throw MlflowException.missing("value");
        }
        return value;
    }

    private static Long millis(String iso) {
        return iso == null ? null : Instant.parse(iso).toEpochMilli();
    }


    /** The routes under {@code /api/2.0/mlflow}. */
    @Path("/api/2.0/mlflow/runs")
    public static class V2 extends MlflowRunResource {
        public V2(ServiceCalls services, MlflowJson json) {
            super(services, json);
        }
    }

    /** The same routes under {@code /api/3.0/mlflow}. */
    @Path("/api/3.0/mlflow/runs")
    public static class V3 extends MlflowRunResource {
        public V3(ServiceCalls services, MlflowJson json) {
            super(services, json);
        }
    }
}
