package dev.evalplane.judge.rest;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.http.ScorerSummary;
import dev.evalplane.judge.domain.EvaluationRun;
import dev.evalplane.judge.domain.RunOutcome;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@link RunView} of a run, and the judge cost scorer-service can tell itself when trace-service cannot.
 */
@ApplicationScoped
public class RunViews {

    private final ObjectMapper json;

    public RunViews(ObjectMapper json) {
        this.json = json;
    }

    public RunView view(EvaluationRun run, JsonNode judgeCost) {
        return view(run, judgeCost, null);
    }

    /** One run's view with its per-scorer figures ({@code scorers}: null when trace-service could not say). */
    public RunView view(EvaluationRun run, JsonNode judgeCost, List<ScorerSummary> scorers) {
        boolean client = run.clientRun();
        return new RunView(run.runId(), run.experimentId(), run.name(), run.status(),
                RunOutcome.message(run.status(), run.error()), run.sourceKind(), run.model(), run.maxConcurrency(),
                run.budgetUsd(), run.rowsTotal(), run.rowsDone(), run.judgeCalls(), run.judgeCallsFailed(),
                run.judgementsSkipped(), run.llmRequests(), judgeCost, run.metrics(), run.createdAt().toString(),
                run.finishedAt() == null ? null : run.finishedAt().toString(), run.error(), run.origin(),
                client ? run.params() : null, client ? run.tags() : null, client ? run.userId() : null, scorers);
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
