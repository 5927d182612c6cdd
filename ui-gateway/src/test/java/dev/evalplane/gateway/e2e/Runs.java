package dev.evalplane.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Drives evaluations through the public API and reads their results back. */
final class Runs {

    static final List<Map<String, Object>> ROWS = List.of(
            Map.of("inputs", Map.of("question", "What is MLflow?"),
                    "outputs", "MLflow is an open source platform for the ML lifecycle.",
                    "expectations", Map.of("expected_response", "MLflow is an open source ML platform.")),
            Map.of("inputs", Map.of("question", "What is Kafka?"),
                    "outputs", "Kafka is a distributed event streaming platform.",
                    "expectations", Map.of("expected_response", "Apache Kafka is an event streaming platform.")),
            Map.of("inputs", Map.of("question", "<script>alert('x')</script> What is 2+2?"),
                    "outputs", "<img src=x onerror=alert(1)> 4",
                    "expectations", Map.of("expected_response", "4")));

    static final List<Map<String, Object>> SCORERS = List.of(
            Map.of("builtin", "Correctness"),
            Map.of("builtin", "Guidelines", "name", "concise", "guidelines", List.of("Answer in one sentence.")),
            Map.of("judge", Map.of("name", "helpful", "instructions", "Is {{ outputs }} a helpful answer to {{ inputs }}?",
                    "feedback_value_type", "yes/no")));

    /** Starts a 3-row evaluation with the three judges on this model and waits until it has finished. */
    static String evaluate(String name, String model) {
        return evaluate(name, model, SCORERS);
    }

    /** Starts a 3-row evaluation with these scorers (default model {@code model}) and waits until it has finished. */
    static String evaluate(String name, String model, List<Map<String, Object>> scorers) {
        String runId = given().contentType("application/json")
                .body(Map.of("name", name, "experiment_id", "0", "model", model, "data", ROWS, "scorers", scorers))
                .post("/api/v1/evaluations").then().statusCode(202).extract().path("run_id");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                !"RUNNING".equals(given().get("/api/v1/evaluations/" + runId).then().statusCode(200).extract().path("status")));
        return runId;
    }

    /** The run's evaluation list, every page. */
    static List<Map<String, Object>> list(String runId) {
        List<Map<String, Object>> traces = new ArrayList<>();
        String token = null;
        do {
            var request = given().queryParam("page_size", 2);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            JsonPath page = request.get("/api/v1/evaluations/" + runId + "/traces").then().statusCode(200).extract().jsonPath();
            traces.addAll(page.getList("traces"));
            token = page.getString("next_page_token");
        } while (token != null && !token.isEmpty());
        return traces;
    }

    /** The feedback of this run on the traces of its evaluation list. */
    @SuppressWarnings("unchecked")
    static List<Feedback> feedback(String runId) {
        List<Feedback> all = new ArrayList<>();
        for (Map<String, Object> trace : list(runId)) {
            for (Map<String, Object> a : (List<Map<String, Object>>) trace.get("assessments")) {
                Map<String, String> metadata = (Map<String, String>) a.getOrDefault("metadata", Map.of());
                if ("FEEDBACK".equals(a.get("assessment_type")) && runId.equals(metadata.get("mlflow.assessment.sourceRunId"))) {
                    all.add(new Feedback((String) trace.get("trace_id"), (String) a.get("assessment_id"),
                            (String) a.get("name"), a.get("value"), metadata, (Map<String, Object>) a.get("source")));
                }
            }
        }
        return all;
    }

    private Runs() {
    }
}
