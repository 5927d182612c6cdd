package dev.evalplane.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Starts an evaluation through the gateway, follows it to the end and collects its feedback. */
final class EvaluationRunner {

    /** MLflow's built-in scorer names; any other name is a registered scorer of the experiment. */
    static final Set<String> BUILTINS = Set.of("Correctness", "RelevanceToQuery", "Safety", "Guidelines",
            "ExpectationsGuidelines", "RetrievalGroundedness", "RetrievalRelevance", "RetrievalSufficiency",
            "Completeness");
    private static final String SOURCE_RUN_ID = "mlflow.assessment.sourceRunId";

    private final GatewayClient client;
    private final long pollMillis;

    EvaluationRunner(GatewayClient client, long pollMillis) {
        this.client = client;
        this.pollMillis = pollMillis;
    }

    static List<Map<String, Object>> scorerSpecs(List<String> names) {
        List<Map<String, Object>> specs = new ArrayList<>();
        for (String name : names) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty()) {
                specs.add(Map.of(BUILTINS.contains(trimmed) ? "builtin" : "registered", trimmed));
            }
        }
        if (specs.isEmpty()) {
            throw new CliException("give at least one scorer with --scorers");
        }
        return specs;
    }

    /** Posts the request, shows progress on {@code progress} (null for none) and returns the final run status. */
    JsonNode run(Map<String, Object> request, PrintWriter progress) {
        String runId = client.post("/evaluations", request).path("run_id").asText();
        JsonNode status;
        while (true) {
            status = client.get("/evaluations/" + GatewayClient.encode(runId));
            if (progress != null) {
                progress.print("\r" + ProgressBar.render(status.path("rows_done").asLong(), status.path("rows_total").asLong(), 30)
                        + " " + status.path("status").asText());
                progress.flush();
            }
            if (!"RUNNING".equals(status.path("status").asText()) && !"PENDING".equals(status.path("status").asText())) {
                break;
            }
            sleep();
        }
        if (progress != null) {
            progress.println();
        }
        return status;
    }

    /**
     * The run's feedback once trace-service has stored it: feedback travels through Kafka, so it can arrive a moment
     * after the run reports its end. Waits (up to {@code maxWaitMillis}) for at least one feedback per judge call.
     */
    List<Map<String, String>> settledResults(JsonNode status, long maxWaitMillis) {
        String runId = status.path("run_id").asText();
        long expected = status.path("judge_calls").asLong(0);
        long deadline = System.currentTimeMillis() + maxWaitMillis;
        List<Map<String, String>> rows = results(runId);
        while (rows.size() < expected && System.currentTimeMillis() < deadline) {
            sleep();
            rows = results(runId);
        }
        return rows;
    }

    /** One row per (trace, feedback of this run). */
    List<Map<String, String>> results(String runId) {
        List<Map<String, String>> rows = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = client.get("/evaluations/" + GatewayClient.encode(runId) + "/traces?page_size=100"
                    + (token == null ? "" : "&page_token=" + GatewayClient.encode(token)));
            for (JsonNode trace : page.path("traces")) {
                for (JsonNode a : trace.path("assessments")) {
                    if (runId.equals(a.path("metadata").path(SOURCE_RUN_ID).asText(null))) {
                        Map<String, String> row = new LinkedHashMap<>();
                        row.put("trace_id", trace.path("trace_id").asText());
                        row.put("scorer", a.path("name").asText(a.path("assessment_name").asText()));
                        row.put("value", a.path("error").isObject() ? "error: " + a.path("error").path("error_message").asText()
                                : Output.text(a.path("value")));
                        row.put("rationale", Output.text(a.path("rationale")));
                        row.put("judge_cost", a.path("metadata").path("mlflow.assessment.judgeCost").asText(""));
                        rows.add(row);
                    }
                }
            }
            token = page.path("next_page_token").asText(null);
        } while (token != null && !token.isEmpty());
        return rows;
    }

    private void sleep() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
