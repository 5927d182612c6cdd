package dev.evalplane.judge.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.domain.EvaluationRun;
import dev.evalplane.judge.domain.RunOutcome;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The run JSON of {@code GET /api/v1/evaluations/{run_id}} (CONTRACTS.md, plus a few counters), with {@code origin}
 * (EVALPLANE or MLFLOW_CLIENT) and, for a run the MLflow client wrote, its {@code params}, {@code tags} and
 * {@code user_id}.
 */
@ApplicationScoped
public class RunViews {

    private final ObjectMapper json;

    public RunViews(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode view(EvaluationRun run, JsonNode judgeCost) {
        ObjectNode view = json.createObjectNode();
        view.put("run_id", run.runId());
        view.put("experiment_id", run.experimentId());
        view.put("name", run.name());
        view.put("status", run.status());
        view.put("status_message", RunOutcome.message(run.status(), run.error()));
        view.put("source", run.sourceKind());
        view.put("model", run.model());
        view.put("max_concurrency", run.maxConcurrency());
        view.put("budget_usd", run.budgetUsd());
        view.put("rows_total", run.rowsTotal());
        view.put("rows_done", run.rowsDone());
        view.put("judge_calls", run.judgeCalls());
        view.put("judge_calls_failed", run.judgeCallsFailed());
        view.put("judgements_skipped", run.judgementsSkipped());
        view.put("llm_requests", run.llmRequests());
        view.set("judge_cost", judgeCost);
        view.set("metrics", run.metrics());
        view.put("created_at", run.createdAt().toString());
        view.put("finished_at", run.finishedAt() == null ? null : run.finishedAt().toString());
        if (run.error() != null) {
            view.put("error", run.error());
        }
        view.put("origin", run.origin());
        if (run.clientRun()) {
            view.set("params", run.params());
            view.set("tags", run.tags());
            view.put("user_id", run.userId());
        }
        return view;
    }

    /**
     * Judge cost when trace-service (which holds the priced judge traces) cannot say: the tokens counted here, and no
     * total, never a silent $0.
     */
    public ObjectNode localJudgeCost(EvaluationRun run, String why) {
        ObjectNode cost = json.createObjectNode();
        cost.putNull("total_cost");
        cost.put("input_tokens", run.inputTokens());
        cost.put("output_tokens", run.outputTokens());
        cost.put("cost_status", run.inputTokens() + run.outputTokens() == 0 ? "NO_USAGE" : "UNPRICED");
        cost.put("source", "scorer-service token counters (" + why + ")");
        return cost;
    }
}
