package dev.evalplane.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.LocalPostgres;
import dev.evalplane.testsupport.MlflowPython;
import dev.evalplane.testsupport.RealStack;
import dev.evalplane.testsupport.ServiceProcess;

/**
 * The same MLflow Python client workload (src/main/resources/mlflow/client_workload.py: @mlflow.trace traces with
 * the client's default export path until they are searchable, search_traces pages with spans, log_feedback) against
 * evalplane (the packaged services and gateway, authentication on) and against {@code mlflow server} of the pinned
 * version on SQLite and on PostgreSQL, all started here in the same run; prints each phase's wall time and the
 * ratios MLflow / evalplane. Options: --traces (2000), --spans (5 per trace), --searches (20),
 * --search-results (100), --feedback (500), --backends (evalplane,mlflow-sqlite,mlflow-postgresql).
 * The venv is test-support's MlflowPython one ({@code EVALPLANE_MLFLOW_VENV} to reuse another). The client's async
 * export queue is sized to the workload (MLFLOW_ASYNC_TRACE_LOGGING_MAX_QUEUE_SIZE): at its default of 1000 tasks the
 * client discards traces of a burst whichever server it talks to.
 */
final class MlflowClientBench {

    private static final String NAME = "mlflow-client";
    private static final String TOKEN = "bench-token";
    private static final List<String> PHASES = List.of("traces_searchable_s", "search_s", "feedback_s");

    static void run(Options options, Report report) throws Exception {
        Map<String, String> workload = new HashMap<>();
        workload.put("TRACES", String.valueOf(options.integer("traces", 2000)));
        workload.put("SPANS", String.valueOf(Math.max(2, options.integer("spans", 5))));
        workload.put("SEARCHES", String.valueOf(options.integer("searches", 20)));
        workload.put("SEARCH_RESULTS", String.valueOf(options.integer("search-results", 100)));
        workload.put("FEEDBACK", String.valueOf(options.integer("feedback", 500)));
        List<String> backends = List.of(options.text("backends", "evalplane,mlflow-sqlite,mlflow-postgresql")
                .split(","));
        report.line("workload: %s traces of %s spans, %s x search_traces(max_results=%s), %s log_feedback",
                workload.get("TRACES"), workload.get("SPANS"), workload.get("SEARCHES"), workload.get("SEARCH_RESULTS"),
                workload.get("FEEDBACK"));
        MlflowPython python = MlflowPython.get();
        Path work = Files.createTempDirectory("mlflow-client-bench");
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (String backend : backends) {
            report.line("-- %s", backend);
            JsonNode result = switch (backend.trim()) {
                case "evalplane" -> evalplane(python, workload);
                case "mlflow-sqlite" -> mlflowSqlite(python, workload, work);
                case "mlflow-postgresql" -> mlflowPostgres(python, workload, work);
                default -> throw new IllegalArgumentException("unknown backend " + backend);
            };
            results.put(backend.trim(), result);
            figures(report, backend.trim(), result);
        }
        JsonNode ours = results.get("evalplane");
        if (ours != null) {
            for (Map.Entry<String, JsonNode> other : results.entrySet()) {
                if (!other.getKey().equals("evalplane")) {
                    for (String phase : PHASES) {
                        report.ratio(NAME, other.getKey() + " / evalplane, " + label(phase),
                                other.getValue().path(phase).asDouble(), ours.path(phase).asDouble(),
                                "> 1: evalplane is faster");
                    }
                }
            }
        }
    }

    private static JsonNode evalplane(MlflowPython python, Map<String, String> workload) {
        try (FakeLlmProvider llm = FakeLlmProvider.start(); RealStack stack = RealStack.start(llm);
                ServiceProcess gateway = stack.startGateway(Map.of("evalplane.auth.enabled", "true",
                        "evalplane.auth.tokens", TOKEN))) {
            return workload(python, gateway.url(""), TOKEN, workload);
        }
    }

    private static JsonNode mlflowSqlite(MlflowPython python, Map<String, String> workload, Path work) throws Exception {
        Path dir = work.resolve("sqlite");
        try (MlflowServer server = MlflowServer.start(python, "sqlite:///" + dir.resolve("mlflow.db"), dir,
                work.resolve("mlflow-sqlite.log"))) {
            return workload(python, server.url(), null, workload);
        }
    }

    private static JsonNode mlflowPostgres(MlflowPython python, Map<String, String> workload, Path work)
            throws Exception {
        MlflowServer.ensurePostgresDriver(python);
        Path dir = work.resolve("postgresql");
        try (LocalPostgres postgres = LocalPostgres.startTemporary();
                MlflowServer server = MlflowServer.start(python, "postgresql+psycopg2://postgres@localhost:" + postgres.port()
                        + "/postgres", dir, work.resolve("mlflow-postgresql.log"))) {
            return workload(python, server.url(), null, workload);
        }
    }

    private static JsonNode workload(MlflowPython python, String trackingUri, String token,
            Map<String, String> workload) {
        Map<String, String> env = new HashMap<>(MlflowPython.trackingEnvironment(trackingUri, token));
        env.putAll(workload);
        env.put("EXPERIMENT_NAME", "bench-" + UUID.randomUUID());
        env.put("MLFLOW_HTTP_REQUEST_TIMEOUT", "120");
        // the client discards traces when its export queue (default 1000 tasks) is full: a burst of traces must
        // all reach the server, whichever it is
        int queue = 100 + 4 * Integer.parseInt(workload.get("TRACES"));
        env.put("MLFLOW_ASYNC_TRACE_LOGGING_MAX_QUEUE_SIZE", String.valueOf(queue));
        JsonNode result = python.runResource("/mlflow/client_workload.py", env, Duration.ofMinutes(60)).json();
        int traces = Integer.parseInt(workload.get("TRACES"));
        if (result.path("traces_found").asInt() < traces) {
            throw new IllegalStateException("only " + result.path("traces_found") + " of " + traces
                    + " traces became searchable: " + result);
        }
        return result;
    }

    private static void figures(Report report, String backend, JsonNode r) {
        report.figure(NAME, backend + ", " + r.path("traces") + " traces logged and searchable",
                String.format("%.1f s (%.0f traces/s; client done after %.1f s)", r.path("traces_searchable_s").asDouble(),
                        r.path("traces").asDouble() / r.path("traces_searchable_s").asDouble(),
                        r.path("traces_logged_s").asDouble()));
        report.figure(NAME, backend + ", search_traces", String.format("%.2f s for %s traces returned",
                r.path("search_s").asDouble(), r.path("search_returned")));
        report.figure(NAME, backend + ", log_feedback", String.format("%.1f s for %s (%.1f ms each)",
                r.path("feedback_s").asDouble(), r.path("feedback_logged"),
                1000 * r.path("feedback_s").asDouble() / Math.max(1, r.path("feedback_logged").asInt())));
    }

    private static String label(String phase) {
        return switch (phase) {
            case "traces_searchable_s" -> "traces logged and searchable";
            case "search_s" -> "search_traces";
            default -> "log_feedback";
        };
    }

    private MlflowClientBench() {
    }
}
