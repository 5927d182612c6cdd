package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.BooleanNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * MLflow's link-to-run for a run the client created: linked traces with feedback join the run's evaluation list,
 * a trace linked before it is stored joins once it is, and the link stays when the trace's metadata names another
 * run. Bad bodies are 400 problems.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class ClientRunLinkTests {

    private static io.restassured.response.ValidatableResponse link(String runId, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations/" + runId + "/links").then();
    }

    @Test
    void linkedTracesWithFeedbackJoinTheRunsList() {
        String run = "client-run-" + Ids.newSpanId();
        String stored = Ids.newTraceId();
        String later = Ids.newTraceId();
        String otherRunMetadata = Ids.newTraceId();
        Spans.sendTrace(stored, "exp-client", 1_000, null, null);
        Spans.sendTrace(otherRunMetadata, "exp-client", 2_000, null, Map.of(MlflowKeys.SOURCE_RUN, "some-other-run"));
        for (String id : List.of(stored, later, otherRunMetadata)) {
            Events.send(Events.humanFeedback(id, "correctness", BooleanNode.TRUE));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/traces/" + otherRunMetadata)
                .then().statusCode(200));

        link(run, "{\"trace_ids\": [\"" + stored + "\", \"" + later + "\", \"" + otherRunMetadata + "\", \"" + stored
                + "\"]}").statusCode(200).body("run_id", equalTo(run)).body("linked", equalTo(3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(listed(run))
                .containsExactlyInAnyOrder(stored, otherRunMetadata));

        Spans.sendTrace(later, "exp-client", 3_000, null, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(listed(run))
                .containsExactlyInAnyOrder(stored, otherRunMetadata, later));
        given().get("/api/v1/evaluations/" + run + "/traces").then().body("total", equalTo(3));
    }

    @Test
    void badLinkRequestsAreProblems() {
        link("r", "{\"trace_ids\": []}").statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("1 to 100"));
        link("r", "{\"trace_ids\": " + Collections.nCopies(101, "\"t\"") + "}").statusCode(400);
        link("r", "{\"trace_ids\": [\"\"]}").statusCode(400);
        link("r", "{\"trace_ids\": \"t\"}").statusCode(400);
        link("r", "not json").statusCode(400);
        link("r", "").statusCode(400);
    }

    private static List<String> listed(String run) {
        return given().get("/api/v1/evaluations/" + run + "/traces?page_size=500").then().statusCode(200)
                .extract().jsonPath().getList("traces.trace_id");
    }
}
