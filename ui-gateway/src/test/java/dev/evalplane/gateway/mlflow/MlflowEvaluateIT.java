package dev.evalplane.gateway.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;

/**
 * mlflow.genai.evaluate through the real client, its judges (Correctness, Guidelines, make_judge) answered by the
 * fake provider: the run, its metrics, its traces and their feedback land in evalplane and show in evalplane's run
 * view, run list and evaluation list; the traces' LLM spans are priced by evalplane, the client's own judge cost is
 * kept as client-reported (never in the run's judge cost). Then the same over production traces read back with
 * search_traces.
 */
class MlflowEvaluateIT {

    private static final String EXPERIMENT = "genai-evaluate-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MlflowStack stack;
    private static JsonNode out;

    @BeforeAll
    static void evaluateFromTheClient() {
        stack = MlflowStack.get();
        stack.llm.reset();
        out = stack.run("genai_evaluate.py", Map.of("EXPERIMENT_NAME", EXPERIMENT,
                "OPENAI_BASE_URL", stack.llm.openAiBaseUrl(), "OPENAI_API_KEY", "test-key-not-a-secret"));
    }

    @AfterAll
    static void resetProvider() {
        stack.llm.reset();
    }

    @Test
    void theClientSeesItsRunMetricsTracesAndFeedback() {
        JsonNode eval = out.path("from_predict_fn");
        assertThat(eval.path("run_status").asText()).as(eval.toString()).isEqualTo("FINISHED");
        for (String metric : List.of("correctness/mean", "house_style/mean", "polite/mean")) {
            assertThat(eval.path("metrics").has(metric)).as(metric + " in " + eval.path("metrics")).isTrue();
            assertThat(eval.path("run_metrics").path(metric).asDouble()).isEqualTo(eval.path("metrics").path(metric).asDouble());
        }
        assertThat(eval.path("run_tags").path("mlflow.runType").asText()).isEqualTo("genai_evaluate");
        List<String> traceIds = texts(eval.path("result_trace_ids"));
        assertThat(traceIds).hasSize(3).doesNotHaveDuplicates();
        assertThat(texts(eval.path("searched_trace_ids"))).containsAll(traceIds);
        assertThat(eval.path("result_columns").toString()).contains("correctness/value", "polite/value");
        List<String> names = new ArrayList<>();
        eval.path("feedback").forEach(f -> {
            names.add(f.path("name").asText());
            assertThat(f.path("error").isNull()).as(f.toString()).isTrue();
        });
        assertThat(names).hasSize(9).containsOnly("correctness", "house_style", "polite");
    }

    @Test
    void evalplaneShowsTheClientsRunInItsRunViewRunListAndEvaluationList() {
        JsonNode eval = out.path("from_predict_fn");
        String runId = eval.path("run_id").asText();
        assertThat(eval.path("run_name").asText()).as("a run created without a name gets one").isNotBlank();
        stack.api().get("/api/v1/evaluations/" + runId).then().statusCode(200)
                .body("origin", equalTo("MLFLOW_CLIENT")).body("status", equalTo("COMPLETED"))
                .body("name", equalTo(eval.path("run_name").asText()))
                .body("experiment_id", equalTo(out.path("experiment_id").asText()))
                .body("tags.'mlflow.runType'", equalTo("genai_evaluate"));
        JsonPath view = stack.api().get("/api/v1/evaluations/" + runId).then().extract().jsonPath();
        for (String metric : List.of("correctness/mean", "house_style/mean", "polite/mean")) {
            assertThat(view.getDouble("metrics.'" + metric + "'")).as(metric)
                    .isEqualTo(eval.path("metrics").path(metric).asDouble());
        }
        stack.api().get("/api/v1/evaluations?experiment_id=" + out.path("experiment_id").asText()).then().statusCode(200)
                .body("runs.run_id", hasItem(runId));

        List<String> traceIds = texts(eval.path("result_trace_ids"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath list = evaluationList(runId);
            assertThat(list.getList("traces.trace_id", String.class)).containsExactlyInAnyOrderElementsOf(traceIds);
            assertThat(list.getList("traces.assessments.flatten().findAll { it.assessment_type == 'FEEDBACK' }.name",
                    String.class)).hasSize(9).containsOnly("correctness", "house_style", "polite");
            assertThat(list.getList("traces.assessments.flatten().findAll { it.assessment_type == 'EXPECTATION' }.name",
                    String.class)).containsExactly("expected_response", "expected_response", "expected_response");
        });
        JsonPath list = evaluationList(runId);
        // what the client reported as its judges' cost is kept, labelled as client-reported, never in a total
        List<Map<String, String>> metadata = list.getList(
                "traces.assessments.flatten().findAll { it.assessment_type == 'FEEDBACK' }.metadata");
        assertThat(metadata).allSatisfy(m -> assertThat(m).containsKey("client.mlflow.assessment.judgeCost")
                .doesNotContainKey("mlflow.assessment.judgeCost"));
        JsonPath summary = stack.api().get("/api/v1/evaluations/" + runId + "/summary").then().statusCode(200)
                .extract().jsonPath();
        assertThat(summary.getString("judge_cost.cost_status")).isEqualTo("NO_USAGE");
    }

    @Test
    void theLlmSpansOfTheEvaluatedTracesArePricedByEvalplane() {
        for (String traceId : texts(out.path("from_predict_fn").path("result_trace_ids"))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, String> metadata = stack.api().get("/api/v1/traces/" + traceId).then().statusCode(200)
                        .extract().jsonPath().getMap("info.trace_metadata");
                assertThat(metadata).containsKey("mlflow.trace.cost");
                JsonNode cost = JSON.readTree(metadata.get("mlflow.trace.cost"));
                // gpt-4o-mini: 1000 input and 200 output tokens
                assertThat(new BigDecimal(cost.path("total_cost").asText())).isPositive();
            });
        }
    }

    @Test
    void productionTracesFoundWithSearchTracesAreEvaluatedAndJoinTheNewRun() {
        String production = out.path("production_trace_id").asText();
        assertThat(texts(out.path("production_found"))).containsExactly(production);
        JsonNode eval = out.path("from_search_traces");
        assertThat(eval.path("run_status").asText()).as(eval.toString()).isEqualTo("FINISHED");
        assertThat(texts(eval.path("result_trace_ids"))).containsExactly(production);
        assertThat(eval.path("metrics").has("polite/mean")).as(eval.toString()).isTrue();
        String runId = eval.path("run_id").asText();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath list = evaluationList(runId);
            assertThat(list.getList("traces.trace_id", String.class)).containsExactly(production);
            assertThat(list.getList("traces[0].assessments.name", String.class)).containsExactly("polite");
        });
    }

    private static JsonPath evaluationList(String runId) {
        return stack.api().get("/api/v1/evaluations/" + runId + "/traces?page_size=100").then().statusCode(200)
                .extract().jsonPath();
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
