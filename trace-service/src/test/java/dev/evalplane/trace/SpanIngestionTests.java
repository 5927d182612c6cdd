package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.IntNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class SpanIngestionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void duplicateSpanIsStoredOnce() {
        String traceId = Ids.newTraceId();
        SpanEvent root = Spans.root(traceId, Ids.newSpanId(), "exp-dup", 0, 120, null, null);
        SpanEvent child = Spans.child(traceId, Ids.newSpanId(), root.spanId(), "exp-dup", 10, null, null);
        Spans.send(root);
        Spans.send(child);
        Spans.send(child);
        Spans.send(root);
        // a last span of the same trace (same key, same partition) is consumed after the duplicates
        SpanEvent last = Spans.child(traceId, Ids.newSpanId(), root.spanId(), "exp-dup", 30, null, null);
        Spans.send(last);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("spans", hasSize(3))
                .body("spans.span_id", org.hamcrest.Matchers.contains(root.spanId(), child.spanId(), last.spanId()))
                .body("info.execution_duration_ms", equalTo(120)));
    }

    /** A client's trace (no pipeline mark: a pipeline span's run link stays whatever the root says, RunOwnershipTests). */
    @Test
    void childBeforeRootMakesOneTraceThatTheRootCompletes() {
        String traceId = Ids.newTraceId();
        String rootId = Ids.newSpanId();
        Spans.sendUnmarked(Spans.child(traceId, Ids.newSpanId(), rootId, "exp-order", 50,
                Map.of("team", "child-team", "env", "child-env"), Map.of("mlflow.sourceRun", "run-order-child")));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("info.state", equalTo("IN_PROGRESS"))
                .body("info.request_preview", nullValue())
                .body("info.tags.team", equalTo("child-team")));

        Spans.sendUnmarked(Spans.root(traceId, rootId, "exp-order", 0, 200, Map.of("team", "root-team"),
                Map.of("mlflow.sourceRun", "run-order-root", "user", "ann")));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("spans", hasSize(2))
                .body("info.state", equalTo("OK"))
                .body("info.experiment_id", equalTo("exp-order"))
                .body("info.execution_duration_ms", equalTo(200))
                .body("info.request_time", equalTo("2024-11-26T05:46:40Z"))
                .body("info.request_preview", equalTo("{\"question\":\"what is " + traceId + "?\"}"))
                .body("info.response_preview", equalTo("{\"answer\":\"it is " + rootId + "\"}"))
                // the root is authoritative, other spans' keys are merged
                .body("info.tags.team", equalTo("root-team"))
                .body("info.tags.env", equalTo("child-env"))
                .body("info.tags.'mlflow.traceName'", equalTo("agent"))
                .body("info.trace_metadata.'mlflow.sourceRun'", equalTo("run-order-root"))
                .body("info.trace_metadata.user", equalTo("ann")));
        // run membership follows the root's mlflow.sourceRun, not the child's
        assertThat(runTraces("exp-order", "run-order-root")).containsExactly(traceId);
        assertThat(runTraces("exp-order", "run-order-child")).isEmpty();
    }

    private static java.util.List<String> runTraces(String experimentId, String runId) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("experiment_ids", new String[] {experimentId}, "filter_string", "run_id = '" + runId + "'"))
                .post("/api/v1/traces/search").then().statusCode(200).extract().path("traces.trace_id");
    }

    @Test
    void laterChildDoesNotOverrideTheRoot() {
        String traceId = Ids.newTraceId();
        String rootId = Ids.newSpanId();
        Spans.send(Spans.root(traceId, rootId, "exp-late", 0, 300, Map.of("team", "root-team"), null));
        Spans.send(Spans.child(traceId, Ids.newSpanId(), rootId, "exp-other", 20, Map.of("team", "child-team"), null));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("spans", hasSize(2))
                .body("info.experiment_id", equalTo("exp-late"))
                .body("info.tags.team", equalTo("root-team")));
    }

    @Test
    void sourceRunMetadataMakesTheTraceFindableByRunId() {
        String traceId = Ids.newTraceId();
        String runId = "run-" + Ids.newSpanId();
        Spans.sendTrace(traceId, "exp-run", 0, null, Map.of("mlflow.sourceRun", runId));
        await().atMost(WAIT).untilAsserted(() -> given().contentType(ContentType.JSON)
                .body(Map.of("experiment_ids", new String[] {"exp-run"}, "filter_string", "attributes.run_id = '" + runId + "'"))
                .post("/api/v1/traces/search").then().statusCode(200)
                .body("traces.trace_id", org.hamcrest.Matchers.contains(traceId)));
    }

    /**
     * A batch whose traces name no run skips the link statement but still drops the links their metadata no longer
     * names: a client's root span sent again without its run leaves the run.
     */
    @Test
    void rootSentAgainWithoutItsRunLeavesTheRun() {
        String traceId = Ids.newTraceId();
        String rootId = Ids.newSpanId();
        String runId = "run-" + Ids.newSpanId();
        Spans.sendUnmarked(Spans.root(traceId, rootId, "exp-rerun", 0, 100, null, Map.of("mlflow.sourceRun", runId)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(runTraces("exp-rerun", runId)).containsExactly(traceId));

        Spans.sendUnmarked(Spans.root(traceId, rootId, "exp-rerun", 0, 100, null, Map.of("user", "ann")));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("info.trace_metadata.user", equalTo("ann")));
        assertThat(runTraces("exp-rerun", runId)).isEmpty();
    }

    /**
     * Feedback stored before its trace's spans links the trace to the run first (not listed: no trace row yet). The
     * spans' batch names no run, so it runs no link statement of its own, but the trace had a link: the link is brought
     * up to date and the trace is listed in the run.
     */
    @Test
    void traceAssessedBeforeItsSpansIsListedOnceTheyAreStored() {
        String traceId = Ids.newTraceId();
        String runId = "run-" + Ids.newSpanId();
        Events.send(Events.judgeFeedback(traceId, "relevance", IntNode.valueOf(4), runId, null));
        await().atMost(WAIT).until(() -> links(traceId) == 1);
        assertThat(listed(runId)).isEmpty();

        Spans.sendUnmarked(Spans.root(traceId, Ids.newSpanId(), "exp-assessed-first", 0, 100, null, null));
        await().atMost(WAIT).untilAsserted(() -> assertThat(listed(runId)).containsExactly(traceId));
    }

    private long links(String traceId) {
        return pool.preparedQuery("SELECT count(*) FROM trace_run_links WHERE trace_id = $1").execute(Tuple.of(traceId))
                .await().atMost(WAIT).iterator().next().getLong(0);
    }

    private static java.util.List<String> listed(String runId) {
        return given().get("/api/v1/evaluations/" + runId + "/traces").then().statusCode(200).extract()
                .path("traces.trace_id");
    }

    @Test
    void unknownTraceIsA404Problem() {
        given().get("/api/v1/traces/" + Ids.newTraceId()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not found"))
                .body("detail", org.hamcrest.Matchers.containsString("does not exist"));
    }
}
