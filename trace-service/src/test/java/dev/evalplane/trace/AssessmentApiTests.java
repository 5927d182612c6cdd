package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.Ids;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class AssessmentApiTests {

    private static final String TRACE = Ids.newTraceId();
    private static final String RUN = "run-api-" + Ids.newSpanId();

    private static boolean stored;

    /** Once per class; in @BeforeEach because rest-assured only knows the app's port from then on. */
    @BeforeEach
    void storeTrace() {
        if (stored) {
            return;
        }
        stored = true;
        Spans.sendTrace(TRACE, "exp-api", 0, null, Map.of("mlflow.sourceRun", RUN));
        Events.send(Events.judgeFeedback(TRACE, "correctness", TextNode.valueOf("no"), RUN, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/traces/" + TRACE).then()
                .statusCode(200).body("info.assessments", hasSize(1)));
    }

    @Test
    void humanFeedbackOverridesTheJudgeAndDeletingItRestoresTheJudge() {
        String judgeId = Ids.assessmentId(RUN, TRACE, "correctness");
        String humanId = create(Map.of("name", "correctness", "assessment_type", "FEEDBACK",
                "source", Map.of("source_type", "HUMAN", "source_id", "ann@example.com"), "value", "yes",
                "rationale", "the answer is right", "overrides", judgeId, "metadata", Map.of("reviewed", "true")))
                .statusCode(201)
                .body("assessment_id", startsWith("a-")).body("trace_id", equalTo(TRACE))
                .body("source.source_type", equalTo("HUMAN")).body("value", equalTo("yes"))
                .body("overrides", equalTo(judgeId)).body("valid", equalTo(true))
                .extract().path("assessment_id");
        ValidatableResponse trace = given().get("/api/v1/traces/" + TRACE).then().statusCode(200);
        trace.body("info.assessments.find { it.assessment_id == '" + judgeId + "' }.valid", equalTo(false));
        trace.body("info.assessments.find { it.assessment_id == '" + humanId + "' }.valid", equalTo(true));

        given().contentType(ContentType.JSON).body(Map.of("value", "no", "metadata", Map.of("reviewed", "twice")))
                .patch("/api/v1/traces/" + TRACE + "/assessments/" + humanId).then().statusCode(200)
                .body("value", equalTo("no")).body("rationale", equalTo("the answer is right"))
                .body("metadata.reviewed", equalTo("twice"));
        given().contentType(ContentType.JSON).body("{\"rationale\": null, \"metadata\": {\"reviewed\": null}}")
                .patch("/api/v1/traces/" + TRACE + "/assessments/" + humanId).then().statusCode(200)
                .body("rationale", nullValue()).body("metadata.reviewed", nullValue());

        given().delete("/api/v1/traces/" + TRACE + "/assessments/" + humanId).then().statusCode(204);
        given().get("/api/v1/traces/" + TRACE).then().statusCode(200)
                .body("info.assessments", hasSize(1))
                .body("info.assessments[0].assessment_id", equalTo(judgeId))
                .body("info.assessments[0].valid", equalTo(true));
        given().delete("/api/v1/traces/" + TRACE + "/assessments/" + humanId).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void expectationIsStoredAndListedForTheRun() {
        String id = create(Map.of("name", "expected_response", "assessment_type", "EXPECTATION",
                "value", Map.of("answer", "42"))).statusCode(201).body("source.source_type", equalTo("HUMAN"))
                .extract().path("assessment_id");
        assertThat(given().get("/api/v1/evaluations/" + RUN + "/traces").then().statusCode(200).extract()
                .<java.util.List<String>>path("traces[0].assessments.assessment_id")).contains(id);
        given().delete("/api/v1/traces/" + TRACE + "/assessments/" + id).then().statusCode(204);
    }

    @Test
    void invalidAssessmentsAreProblems() {
        problem(Map.of("assessment_type", "FEEDBACK", "value", "yes"), "name is required");
        problem(Map.of("name", "x", "assessment_type", "OPINION", "value", "yes"), "assessment_type must be");
        problem(Map.of("name", "x", "assessment_type", "FEEDBACK"), "needs a value or an error");
        problem(Map.of("name", "x", "assessment_type", "EXPECTATION"), "needs a value");
        problem(Map.of("name", "x", "assessment_type", "FEEDBACK", "value", 1, "source", Map.of("source_type", "ROBOT")),
                "source.source_type");
        problem(Map.of("name", "x", "assessment_type", "FEEDBACK", "value", 1, "metadata", Map.of("n", 5)),
                "metadata.n must be a string");
        problem(Map.of("name", "x", "assessment_type", "FEEDBACK", "value", 1, "span_id", "nope"), "span_id");
        problem(Map.of("name", "x", "assessment_type", "FEEDBACK", "value", 1, "overrides", "a-missing"),
                "does not exist on trace");
        problem(Map.of("name", "x", "assessment_type", "FEEDBACK", "value", 1, "valid", false), "field valid");
        problem(Map.of("name", "x\u0000y", "assessment_type", "FEEDBACK", "value", 1), "");
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/v1/traces/" + TRACE + "/assessments")
                .then().statusCode(400).body("title", equalTo("Malformed JSON"));
        given().contentType(ContentType.JSON).body("[1, 2]").post("/api/v1/traces/" + TRACE + "/assessments").then()
                .statusCode(400).body("detail", containsString("the body must be an object"));
        given().contentType(ContentType.JSON).body("").post("/api/v1/traces/" + TRACE + "/assessments").then()
                .statusCode(400).body("detail", containsString("needs a JSON body"));
        problem(Map.of("name", "x", "assessment_type", "FEEDBACK", "value", 1, "metadata", Map.of("k\u0000", "v")),
                "metadata.k");
        given().contentType(ContentType.JSON).body(Map.of("assessment_type", "EXPECTATION"))
                .patch("/api/v1/traces/" + TRACE + "/assessments/a-x").then().statusCode(400)
                .body("detail", containsString("field assessment_type cannot be changed"));
        given().contentType(ContentType.JSON).body(Map.of()).patch("/api/v1/traces/" + TRACE + "/assessments/a-x")
                .then().statusCode(400).body("detail", containsString("nothing to update"));
        given().contentType(ContentType.JSON).body(Map.of("valid", false))
                .patch("/api/v1/traces/" + TRACE + "/assessments/a-x").then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "assessment_type", "FEEDBACK", "value", 1))
                .post("/api/v1/traces/" + Ids.newTraceId() + "/assessments").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/traces/" + TRACE).then().body("info.assessments", hasSize(1));
    }

    @Test
    void anAssessmentCanBeRenamedButNotToNothing() {
        String id = create(Map.of("name", "expected_answer", "assessment_type", "EXPECTATION", "value", "42"))
                .statusCode(201).extract().path("assessment_id");
        given().contentType(ContentType.JSON).body(Map.of("name", "expected_facts"))
                .patch("/api/v1/traces/" + TRACE + "/assessments/" + id).then().statusCode(200)
                .body("name", equalTo("expected_facts")).body("value", equalTo("42"));
        given().contentType(ContentType.JSON).body(Map.of("name", " "))
                .patch("/api/v1/traces/" + TRACE + "/assessments/" + id).then().statusCode(400);
        given().delete("/api/v1/traces/" + TRACE + "/assessments/" + id).then().statusCode(204);
    }

    private static ValidatableResponse create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/traces/" + TRACE + "/assessments").then();
    }

    private static void problem(Map<String, Object> body, String detail) {
        create(body).statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("type", startsWith("https://evalplane.dev/problems/")).body("detail", containsString(detail));
    }
}
