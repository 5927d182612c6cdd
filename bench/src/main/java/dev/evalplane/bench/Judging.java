package dev.evalplane.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.testsupport.RealStack;

/** Evaluation runs on scorer-service against the fake LLM provider, for the judge benchmarks. */
final class Judging {

    /** Built-in judges that need only inputs and outputs; a run uses the first M. */
    static final List<Map<String, Object>> JUDGES = List.of(Map.of("builtin", "RelevanceToQuery"),
            Map.of("builtin", "Safety"), Map.of("builtin", "Completeness"),
            Map.of("builtin", "Guidelines", "guidelines", List.of("Answer in one sentence.")));

    /**
     * The run's final JSON and the wall time the client saw from POST ({@code startNanos}, {@link System#nanoTime})
     * to the finished status.
     */
    record Finished(JsonNode run, long startNanos, long wallNanos) {
    }

    static String start(RealStack stack, String name, int rows, int judges, int concurrency) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(Map.of("inputs", Map.of("question", "What is " + i + " + " + i + "?"),
                    "outputs", "It is " + (2 * i) + "."));
        }
        return Http.postJson(stack.scorerService().url("/api/v1/evaluations"), Map.of("experiment_id", "bench",
                "name", name, "model", "openai:/gpt-4.1-mini", "data", data, "scorers", JUDGES.subList(0, judges),
                "max_concurrency", concurrency)).expect(202).json().path("run_id").asText();
    }

    static JsonNode status(RealStack stack, String runId) {
        return Http.get(stack.scorerService().url("/api/v1/evaluations/" + runId)).expect(200).json();
    }

    /** Starts a run and polls its status every 50 ms until it is no longer RUNNING. */
    static Finished run(RealStack stack, String name, int rows, int judges, int concurrency) throws InterruptedException {
        long start = System.nanoTime();
        String runId = start(stack, name, rows, judges, concurrency);
        long deadline = start + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = status(stack, runId);
            if (!"RUNNING".equals(run.path("status").asText())) {
                return new Finished(run, start, System.nanoTime() - start);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("run " + runId + " still RUNNING after 30 minutes");
    }

    private Judging() {
    }
}
