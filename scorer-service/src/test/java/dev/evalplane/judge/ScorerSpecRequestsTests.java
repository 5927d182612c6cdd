package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Scorer specs are bound as typed records at the door: a malformed one is a 400 problem of the route's kind naming the
 * field, before any scorer is built or judge called; a registered spec reads back as the JSON it was sent.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class ScorerSpecRequestsTests {

    private static final String ROW = "{\"inputs\": \"q\", \"outputs\": \"a\"}";

    private static void evaluation(String scorers, String detail) {
        given().contentType(ContentType.JSON).body("{\"data\": [" + ROW + "], \"scorers\": " + scorers + "}")
                .post("/api/v1/evaluations").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Invalid evaluation request")).body("detail", equalTo(detail));
    }

    private static void registration(String scorer, String detail) {
        given().contentType(ContentType.JSON).body("{\"name\": \"s\", \"scorer\": " + scorer + "}")
                .post("/api/v1/experiments/spec-" + UUID.randomUUID() + "/scorers").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Invalid scorer")).body("detail", equalTo(detail));
    }

    @Test
    void aMalformedSpecIsAProblemNamingTheField() {
        FakeLlmProvider fake = FakeLlm.get();
        evaluation("[{\"builtin\": \"Safety\"}, {\"builtin\": \"Safety\", \"code\": {\"type\": \"json_valid\"}}]",
                "scorers[1]: must have exactly one of [builtin, judge, registered, code, remote, client_only], found"
                        + " [builtin, code]");
        evaluation("[{\"builtin\": \"Safety\", \"colour\": \"red\"}]", "scorers[0]: unknown field \"colour\" (known"
                + " fields: aggregations, builtin, guidelines, model, name)");
        evaluation("[{\"judge\": [\"polite\"]}]", "scorers[0].judge: must be an object {name, instructions,"
                + " feedback_value_type?, model?, description?}");
        evaluation("[{\"remote\": {\"name\": \"r\", \"url\": \"https://x.example\", \"timeout_ms\": \"5\"}}]",
                "field scorers[0].remote.timeout_ms must be a whole number (a value of the wrong JSON type)");
        evaluation("[{\"registered\": \"polite\", \"version\": 1.5}]",
                "field scorers[0].version must be a whole number (a value of the wrong JSON type)");
        evaluation("[7]", "scorers[0]: must be an object such as {\"builtin\": \"Correctness\"} or {\"judge\":"
                + " {\"name\": ..., \"instructions\": ...}}");
        registration("{\"judge\": {\"name\": \"s\", \"instructions\": \"Is {{ outputs }} ok?\", \"temperature\": 0}}",
                "scorer.judge: unknown field \"temperature\" (known fields: aggregations, description,"
                        + " feedback_value_type, instructions, model, name)");
        registration("{\"builtin\": true}", "field scorer.builtin must be a string (a value of the wrong JSON type)");
        registration("{\"judge\": {\"name\": \"s\", \"instructions\": \"Is {{ outputs }} ok?\", \"description\": \""
                + "d".repeat(2001) + "\"}}", "scorer.judge.description size must be between 0 and 2000");
        assertThat(fake.requests()).as("no judge was called").isEmpty();
    }

    @Test
    void aRegisteredSpecReadsBackAsItWasSent() throws Exception {
        String exp = "spec-" + UUID.randomUUID();
        String scorer = "{\"code\": {\"type\": \"contains\", \"any_of\": [\"paris\", \"Paris\"], \"name\": \"paris\","
                + " \"aggregations\": [\"mean\", \"p90\"]}}";
        JsonNode stored = new ObjectMapper().readTree(given().contentType(ContentType.JSON)
                .body("{\"name\": \"paris\", \"scorer\": " + scorer + "}").post("/api/v1/experiments/" + exp + "/scorers")
                .then().statusCode(201).extract().asString()).get("scorer");
        assertThat(stored).isEqualTo(new ObjectMapper().readTree(scorer));
        JsonNode read = new ObjectMapper().readTree(given().get("/api/v1/experiments/" + exp + "/scorers/paris").then()
                .statusCode(200).extract().asString()).get("scorer");
        assertThat(read).isEqualTo(stored);
    }
}
