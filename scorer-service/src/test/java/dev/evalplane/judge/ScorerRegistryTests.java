package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.judge.support.Runs;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.FakeLlmReply;
import dev.evalplane.testsupport.FakeLlmRequest;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The scorer registry on PostgreSQL: versions per name, latest-per-name listing, get by version, delete, validation as
 * strict as an evaluation's, and evaluations that use registered judges, built-ins and code scorers by name.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class ScorerRegistryTests {

    private static String base(String experiment) {
        return "/api/v1/experiments/" + experiment + "/scorers";
    }

    private static ValidatableResponse register(String experiment, String body) {
        return given().contentType(ContentType.JSON).body(body).post(base(experiment)).then();
    }

    private static String judge(String name, String instructions) {
        return "{\"name\": \"" + name + "\", \"description\": \"checks politeness\", \"scorer\": {\"judge\": {\"name\": \""
                + name + "\", \"instructions\": \"" + instructions + "\", \"feedback_value_type\": \"yes/no\"}}}";
    }

    @Test
    void registeringTheSameNameAddsVersionsAndListingShowsTheLatest() {
        String exp = "reg-" + UUID.randomUUID();
        register(exp, judge("polite", "Is {{ outputs }} polite?")).statusCode(201)
                .body("name", equalTo("polite")).body("version", equalTo(1))
                .body("scorer.judge.instructions", equalTo("Is {{ outputs }} polite?"))
                .body("created_at", startsWith("20"));
        register(exp, judge("polite", "Is {{ outputs }} polite and kind?")).statusCode(201).body("version", equalTo(2));
        register(exp, "{\"name\": \"house_style\", \"scorer\": {\"builtin\": \"Guidelines\", \"guidelines\": [\"Use British"
                + " spelling\"]}}").statusCode(201).body("version", equalTo(1)).body("scorer.name", equalTo("house_style"));

        given().get(base(exp)).then().statusCode(200)
                .body("scorers.name", contains("house_style", "polite"))
                .body("scorers.version", contains(1, 2))
                .body("scorers[1].description", equalTo("checks politeness"));
        given().get(base(exp) + "/polite").then().statusCode(200).body("version", equalTo(2));
        given().get(base(exp) + "/polite?version=1").then().statusCode(200)
                .body("scorer.judge.instructions", equalTo("Is {{ outputs }} polite?"));
        given().get(base(exp) + "/polite/versions").then().statusCode(200).body("scorers.version", contains(1, 2));
        given().get(base(exp) + "/polite?version=7").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("title", equalTo("Scorer not found"))
                .body("detail", equalTo("no scorer 'polite' version 7 is registered in experiment '" + exp + "'"));
        given().get(base(exp) + "/rude").then().statusCode(404);
        given().get(base("other-" + exp)).then().statusCode(200).body("scorers", org.hamcrest.Matchers.empty());

        given().delete(base(exp) + "/polite?version=1").then().statusCode(200).body("deleted_versions", equalTo(1));
        given().get(base(exp) + "/polite/versions").then().statusCode(200).body("scorers.version", contains(2));
        given().delete(base(exp) + "/house_style").then().statusCode(200);
        given().delete(base(exp) + "/polite").then().statusCode(200);
        given().get(base(exp)).then().statusCode(200).body("scorers", org.hamcrest.Matchers.empty());
        given().delete(base(exp) + "/polite").then().statusCode(404);
    }

    @Test
    void specsAreValidatedAsEvaluationsValidateScorers() {
        String exp = "reg-" + UUID.randomUUID();
        invalid(exp, judge("polite", "Is the answer polite?"), "scorer: judge 'polite': instructions must use at least one");
        invalid(exp, "{\"name\": \"a.b\", \"scorer\": {\"builtin\": \"Safety\"}}", "name: scorer name \"a.b\" must be");
        invalid(exp, "{\"name\": \"g\", \"scorer\": {\"builtin\": \"Guidelines\"}}", "scorer: Guidelines needs \"guidelines\"");
        invalid(exp, "{\"name\": \"r\", \"scorer\": {\"registered\": \"polite\"}}", "cannot refer to another registered");
        invalid(exp, "{\"name\": \"c\", \"scorer\": {\"code\": {\"type\": \"regex\"}}}", "code scorer regex: needs \"pattern\"");
        invalid(exp, "{\"name\": \"x\"}", "scorer must be an object");
        invalid(exp, "{not json", "not valid JSON");
        given().get(base(exp) + "/polite?version=abc").then().statusCode(400)
                .body("detail", containsString("version must be a positive whole number"));
        given().get(base(exp)).then().statusCode(200).body("scorers", org.hamcrest.Matchers.empty());
    }

    private static void invalid(String exp, String body, String detail) {
        register(exp, body).statusCode(400).contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Invalid scorer")).body("status", equalTo(400))
                .body("detail", containsString(detail));
    }

    @Test
    void evaluationsUseRegisteredScorersOfTheirExperiment() {
        String exp = "reg-" + UUID.randomUUID();
        register(exp, judge("polite", "Is {{ outputs }} polite?")).statusCode(201);
        register(exp, judge("polite", "Is {{ outputs }} polite and kind?")).statusCode(201);
        register(exp, "{\"name\": \"house_style\", \"scorer\": {\"builtin\": \"Guidelines\", \"guidelines\": [\"Use British"
                + " spelling\"]}}").statusCode(201);
        register(exp, "{\"name\": \"mentions_paris\", \"scorer\": {\"code\": {\"type\": \"contains\", \"substring\": \"paris\"}}}")
                .statusCode(201);
        FakeLlmProvider fake = FakeLlm.get().respondWith(r -> FakeLlmReply.verdict("yes", "fine"));

        String runId = Runs.start("""
                {"experiment_id": "%s", "data": [{"inputs": "Capital of France?", "outputs": "Paris, of course, my friend"}],
                 "scorers": [{"registered": "polite"}, {"registered": "polite", "version": 1, "name": "polite_v1"},
                             {"registered": "house_style"}, {"registered": "mentions_paris"}]}""".formatted(exp));

        assertThat(Runs.awaitFinished(runId).getString("status_message")).isEqualTo("COMPLETED");
        List<String> systems = fake.requests().stream().map(FakeLlmRequest::system).toList();
        assertThat(systems).hasSize(3)
                .anySatisfy(s -> assertThat(s).contains("Your task: Is {{ outputs }} polite and kind?"))
                .anySatisfy(s -> assertThat(s).contains("Your task: Is {{ outputs }} polite?"));
        assertThat(fake.requests()).anySatisfy(r -> assertThat(r.user()).contains("- Use British spelling"));
        Map<String, JsonNode> feedback = Runs.values(Runs.assessments(runId)).stream()
                .filter(a -> "FEEDBACK".equals(a.path("assessment_type").asText()))
                .collect(Collectors.toMap(a -> a.path("name").asText(), Function.identity()));
        assertThat(feedback).containsOnlyKeys("polite", "polite_v1", "house_style", "mentions_paris");
        assertThat(feedback.get("mentions_paris").path("value").asBoolean()).isTrue();
        assertThat(feedback.get("mentions_paris").path("source").path("source_type").asText()).isEqualTo("CODE");
        assertThat(feedback.get("polite").path("source").path("source_type").asText()).isEqualTo("LLM_JUDGE");

        given().contentType(ContentType.JSON).body("{\"experiment_id\": \"" + exp + "\", \"data\": [{\"inputs\": \"q\","
                + " \"outputs\": \"a\"}], \"scorers\": [{\"registered\": \"polite\", \"version\": 9}]}")
                .post("/api/v1/evaluations").then().statusCode(400)
                .body("detail", equalTo("scorers[0]: no scorer 'polite' version 9 is registered in experiment '" + exp + "'"));
    }
}
