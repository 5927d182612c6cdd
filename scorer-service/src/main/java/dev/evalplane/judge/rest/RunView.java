package dev.evalplane.judge.rest;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.evalplane.events.http.ScorerSummary;

/**
 * A run as {@code GET /api/v1/evaluations/{run_id}} answers it (CONTRACTS.md, plus a few counters): {@code origin}
 * EVALPLANE or MLFLOW_CLIENT and, for a run the MLflow client wrote, its {@code params}, {@code tags} and
 * {@code user_id}. Built by {@link RunViews}.
 */
@Schema(name = "EvaluationRun")
public record RunView(
        @JsonProperty("run_id") String runId,
        @JsonProperty("experiment_id") String experimentId,
        String name,
        @Schema(enumeration = { "PENDING", "RUNNING", "CANCELLING", "FINISHED", "FAILED", "CANCELLED", "KILLED" })
        String status,
        @JsonProperty("status_message") @Schema(description = "why the run ended as it did, in words") String statusMessage,
        @Schema(description = "data, trace_ids or filter_string") String source,
        String model,
        @JsonProperty("max_concurrency") Integer maxConcurrency,
        @JsonProperty("budget_usd") BigDecimal budgetUsd,
        @JsonProperty("rows_total") Integer rowsTotal,
        @JsonProperty("rows_done") int rowsDone,
        @JsonProperty("judge_calls") int judgeCalls,
        @JsonProperty("judge_calls_failed") int judgeCallsFailed,
        @JsonProperty("judgements_skipped") int judgementsSkipped,
        @JsonProperty("llm_requests") int llmRequests,
        @JsonProperty("judge_cost") @Schema(description = "the run's judge cost as trace-service prices it ({total_cost,"
                + " input_tokens, output_tokens, cost_status, ...}); scorer-service's own token counters with"
                + " total_cost null when trace-service cannot say") JsonNode judgeCost,
        @Schema(description = "aggregated metrics by name, e.g. {\"safety/mean\": 1.0}") JsonNode metrics,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        @Schema(enumeration = { "EVALPLANE", "MLFLOW_CLIENT" }) String origin,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "MLFLOW_CLIENT runs only") JsonNode params,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "MLFLOW_CLIENT runs only") JsonNode tags,
        @JsonProperty("user_id") @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "MLFLOW_CLIENT runs only")
        String userId,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "per-scorer judge cost, tokens and pass rate"
                + " from the same trace-service run summary as judge_cost (GET of one run only; absent while"
                + " trace-service cannot say), so a run page needs one summary per render")
        List<ScorerSummary> scorers) {

    /** {@code GET /api/v1/evaluations}: the runs, newest first. */
    @Schema(name = "EvaluationRunList")
    public record Page(java.util.List<RunView> runs) {
    }

    /** A run accepted (202): started, or asked to cancel. */
    @Schema(name = "EvaluationRunAccepted")
    public record Accepted(@JsonProperty("run_id") String runId, String status) {
    }
}
