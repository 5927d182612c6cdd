package dev.evalplane.gateway.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The MLflow scorer registry through the real client: make_judge registered twice is two versions, built-ins and a
 * @scorer function register, get_scorer (latest, by version) rebuilds exactly what was registered, list_scorers,
 * list_scorer_versions, delete_scorer (one version, all). Then evalplane's side: the registry shows the client's
 * judge, a server-side evaluation runs it against the fake provider, and the Python scorer is refused with a 400
 * that says to use a remote scorer.
 */
class MlflowScorerRegistryIT {

    private static final String EXPERIMENT = "scorer-registry-" + UUID.randomUUID();
    private static MlflowStack stack;
    private static JsonNode out;

    @BeforeAll
    static void registerFromTheClient() {
        stack = MlflowStack.get();
        stack.llm.reset();
        out = stack.run("scorer_registry.py", Map.of("EXPERIMENT_NAME", EXPERIMENT));
    }

    @AfterAll
    static void resetProvider() {
        stack.llm.reset();
    }

    @Test
    void theClientRegistersVersionsAndGetsBackWhatItRegistered() {
        assertThat(out.path("registered_versions")).as(out.toString()).extracting(JsonNode::asInt).containsExactly(1, 2);
        assertThat(out.path("latest_version").asInt()).isEqualTo(2);
        assertThat(out.path("latest_instructions").asText()).isEqualTo("Is the answer {{ outputs }} polite and kind?");
        assertThat(out.path("first_instructions").asText())
                .isEqualTo("Is the answer {{ outputs }} polite? The question: {{ inputs }}");
        assertThat(out.path("first_round_trips").asBoolean()).isTrue();
        assertThat(out.path("latest_round_trips").asBoolean()).isTrue();
        assertThat(out.path("correctness_class").asText()).isEqualTo("Correctness");
        assertThat(out.path("house_style").path("class").asText()).isEqualTo("Guidelines");
        assertThat(out.path("house_style").path("guidelines").get(0).asText()).isEqualTo("Use British spelling");
        assertThat(out.path("short_answer_refused").path("message").asText()).contains("def short_answer(outputs)");
        assertThat(out.path("short_answer_round_trips").asBoolean()).isTrue();
        assertThat(texts(out.path("listed"))).containsExactly("correctness", "house_style", "polite", "short_answer");
        assertThat(out.path("polite_versions")).extracting(JsonNode::asInt).containsExactly(1, 2);
    }

    @Test
    void deletingAVersionOrAllVersionsIsWhatTheClientSeesNext() {
        assertThat(out.path("polite_versions_after_delete")).extracting(JsonNode::asInt).containsExactly(2);
        for (String deleted : List.of("deleted_version", "deleted_all", "delete_unknown")) {
            assertThat(out.path(deleted).path("error_code").asText()).as(deleted + ": " + out.path(deleted))
                    .isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }
        assertThat(texts(out.path("listed_after_delete"))).containsExactly("correctness", "polite", "short_answer");
    }

    @Test
    void evalplaneRunsTheClientsJudgeInItsOwnEvaluations() {
        String experimentId = out.path("experiment_id").asText();
        stack.api().get("/api/v1/experiments/" + experimentId + "/scorers/polite").then().statusCode(200)
                .body("version", equalTo(2))
                .body("scorer.judge.instructions", equalTo("Is the answer {{ outputs }} polite and kind?"))
                .body("scorer.judge.feedback_value_type", equalTo("bool"));

        int before = stack.llm.requests().size();
        String runId = stack.api().contentType(ContentType.JSON).body("{\"experiment_id\": \"" + experimentId + "\","
                + " \"scorers\": [{\"registered\": \"polite\"}, {\"registered\": \"polite\", \"version\": 2,"
                + " \"name\": \"polite_v2\"}, {\"registered\": \"correctness\"}], \"data\": [{\"inputs\": {\"question\":"
                + " \"Capital of France?\"}, \"outputs\": \"Paris, dear.\", \"expectations\": {\"expected_response\":"
                + " \"Paris\"}}]}").post("/api/v1/evaluations").then().log().ifValidationFails().statusCode(202).extract().path("run_id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> stack.api().get("/api/v1/evaluations/" + runId).then()
                .body("status", equalTo("COMPLETED")));
        stack.api().get("/api/v1/evaluations/" + runId).then().body("judge_calls", equalTo(3))
                .body("judge_calls_failed", equalTo(0)).body("origin", equalTo("EVALPLANE"));
        List<String> prompts = stack.llm.requests().subList(before, stack.llm.requests().size()).stream()
                .map(r -> r.prompt()).toList();
        // version 1 (deleted by the client) asked "The question: ..."; only version 2's instructions reach the model
        assertThat(prompts).anyMatch(p -> p.contains("polite and kind")).noneMatch(p -> p.contains("The question:"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath list = stack.api().get("/api/v1/evaluations/" + runId + "/traces").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(list.getList("traces[0].assessments.name", String.class))
                    .contains("polite", "polite_v2", "correctness");
        });
    }

    @Test
    void aPythonScorerRegistersButRunsOnlyInTheClient() {
        String experimentId = out.path("experiment_id").asText();
        stack.api().get("/api/v1/experiments/" + experimentId + "/scorers/short_answer").then().statusCode(200)
                .body("scorer.client_only.mlflow_type", equalTo("python_code"))
                .body("mlflow_scorer", containsString("call_source"));
        stack.api().contentType(ContentType.JSON).body("{\"experiment_id\": \"" + experimentId + "\", \"scorers\":"
                + " [{\"registered\": \"short_answer\"}], \"data\": [{\"inputs\": {\"q\": 1}, \"outputs\": \"a\"}]}")
                .post("/api/v1/evaluations").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("scorer 'short_answer' is a Python code scorer"))
                .body("detail", containsString("use it as a remote scorer instead"));
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
