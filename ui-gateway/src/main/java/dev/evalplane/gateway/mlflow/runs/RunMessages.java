package dev.evalplane.gateway.mlflow.runs;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.gateway.mlflow.MlflowTag;

/** Request and response bodies of MLflow's run API (service.proto CreateRun ... SearchRuns, LinkTracesToRun). */
final class RunMessages {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateRun(String experimentId, String userId, String runName, Long startTime, List<MlflowTag> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateRun(String runId, String runUuid, String status, Long endTime, String runName) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Metric(String key, Double value, Long timestamp, Long step) {
    }

    record Param(String key, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogBatch(String runId, List<Metric> metrics, List<Param> params, List<MlflowTag> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogMetric(String runId, String runUuid, String key, Double value, Long timestamp, Long step) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogParam(String runId, String runUuid, String key, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetTag(String runId, String runUuid, String key, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeleteTag(String runId, String key) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogInputs(String runId, List<JsonNode> datasets, List<JsonNode> models) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SearchRuns(List<String> experimentIds, String filter, String runViewType, Integer maxResults,
            List<String> orderBy, String pageToken) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LinkTracesToRun(List<String> traceIds, String runId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunInfo(String runId, String runUuid, String runName, String experimentId, String userId, String status,
            Long startTime, Long endTime, String artifactUri, String lifecycleStage) {
    }

    record RunData(List<Metric> metrics, List<Param> params, List<MlflowTag> tags) {
    }

    record Run(RunInfo info, RunData data, Map<String, Object> inputs) {
    }

    record RunResponse(Run run) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpdateRunResponse(RunInfo runInfo) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchRunsResponse(List<Run> runs, String nextPageToken) {
    }

    /** scorer-service's body for a new client run ({@code POST /api/v1/client-runs}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ServiceRunCreate(String experimentId, String name, String userId, Long startTimeMs,
            Map<String, String> tags) {
    }

    /** scorer-service's body for what a client logs to its run ({@code POST /api/v1/client-runs/{id}}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ServiceRunUpdate(String status, Long endTimeMs, String name, Map<String, Double> metrics,
            Map<String, String> params, Map<String, String> tags, List<String> deletedTags) {

        static ServiceRunUpdate metrics(Map<String, Double> metrics) {
            return new ServiceRunUpdate(null, null, null, metrics, null, null, null);
        }

        static ServiceRunUpdate params(Map<String, String> params) {
            return new ServiceRunUpdate(null, null, null, null, params, null, null);
        }

        static ServiceRunUpdate tags(Map<String, String> tags) {
            return new ServiceRunUpdate(null, null, null, null, null, tags, null);
        }
    }

    /** scorer-service's run view ({@code GET /api/v1/evaluations/{run_id}}), the fields MLflow's Run needs. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ServiceRun(String runId, String experimentId, String name, String status, String origin,
            Map<String, Double> metrics, Map<String, String> params, Map<String, String> tags, String userId,
            String createdAt, String finishedAt) {
    }

    record ServiceRunList(List<ServiceRun> runs) {
    }

    private RunMessages() {
    }
}
