package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.testsupport.HostileHeaders;
import dev.evalplane.testsupport.HostileRequests;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 12 item 3: a client may link a trace only into a run it owns. A pipeline run (its row and judge traces come
 * as spans with scorer-service's mark, its feedback on the assessments topic) is attacked through every client door
 * that can name a run: OTLP's {@code x-mlflow-run-id}, trace info {@code trace_metadata}, a spans record without the
 * mark (a door added later), MLflow's link-to-run, an assessment's {@code sourceRunId}, and rewriting a pipeline
 * trace's metadata. Each attacker trace then gets a human assessment (which lists a member trace); none may appear
 * in the run's list, total, summary or {@code run_id} search. A client's own run keeps working through the same doors,
 * and a client link made before the pipeline's first record stops counting once the pipeline names the run.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class RunOwnershipTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EXPERIMENT = "exp-own-" + Ids.newSpanId();
    private static final String RUN = "run-pipeline-" + Ids.newSpanId();
    private static final String OTHER_PIPELINE_RUN = "run-pipeline-other-" + Ids.newSpanId();
    private static final String ROW = Ids.newTraceId();
    private static final String HUMAN_ROW = Ids.newTraceId();
    private static final String JUDGE = Ids.newTraceId();

    private static boolean stored;

    /** The pipeline's run: a judged row, a row with only human feedback, a judge trace. Once per class. */
    @BeforeEach
    void pipelineRun() {
        if (stored) {
            return;
        }
        stored = true;
        Map<String, String> inRun = Map.of(MlflowKeys.SOURCE_RUN, RUN);
        Spans.sendTrace(ROW, EXPERIMENT, 1_000, null, inRun);
        Spans.sendTrace(HUMAN_ROW, EXPERIMENT, 2_000, null, inRun);
        Spans.sendTrace(JUDGE, EXPERIMENT, 1_500, Map.of(MlflowKeys.SOURCE_SCORER_TAG, "correctness"), inRun);
        Events.send(Events.judgeFeedback(ROW, "correctness", TextNode.valueOf("yes"), RUN, JUDGE));
        Events.send(Events.judgeFeedback(Ids.newTraceId(), "correctness", TextNode.valueOf("yes"), OTHER_PIPELINE_RUN,
                null));
        await().atMost(WAIT).untilAsserted(() -> assertThat(listed(RUN)).containsExactlyInAnyOrder(ROW));
        humanFeedback(HUMAN_ROW);
        assertThat(listed(RUN)).containsExactlyInAnyOrder(ROW, HUMAN_ROW);
    }

    @Test
    void otlpRunHeaderDoesNotLinkIntoAPipelineRun() {
        String attacker = otlpTrace(RUN);
        humanFeedback(attacker);
        assertOnlyPipelineTraces(attacker);
    }

    @Test
    void traceInfoMetadataDoesNotLinkIntoAPipelineRun() {
        String attacker = Ids.newTraceId();
        putInfo(attacker, Map.of(MlflowKeys.SOURCE_RUN, RUN)).statusCode(200);
        humanFeedback(attacker);
        assertOnlyPipelineTraces(attacker);
    }

    @Test
    void aSpansRecordWithoutThePipelineMarkDoesNotLinkIntoAPipelineRun() {
        String attacker = Ids.newTraceId();
        Spans.sendUnmarked(Spans.root(attacker, Ids.newSpanId(), EXPERIMENT, 3_000, 100, null,
                Map.of(MlflowKeys.SOURCE_RUN, RUN)));
        awaitStored(attacker);
        humanFeedback(attacker);
        assertOnlyPipelineTraces(attacker);
    }

    @Test
    void linkToRunIntoAPipelineRunIsRefused() {
        String attacker = Ids.newTraceId();
        Spans.sendUnmarked(Spans.root(attacker, Ids.newSpanId(), EXPERIMENT, 3_000, 100, null, null));
        awaitStored(attacker);
        humanFeedback(attacker);
        given().contentType(ContentType.JSON).body(Map.of("trace_ids", List.of(attacker)))
                .post("/api/v1/evaluations/" + RUN + "/links").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("detail", containsString(RUN));
        assertOnlyPipelineTraces(attacker);
    }

    @Test
    void anAssessmentsSourceRunIdDoesNotLinkIntoAPipelineRun() {
        String attacker = otlpTrace(null);
        given().contentType(ContentType.JSON).body(Map.of("name", "correctness", "assessment_type", "FEEDBACK",
                "value", "yes", "metadata", Map.of(MlflowKeys.SOURCE_RUN_ID, RUN)))
                .post("/api/v1/traces/" + attacker + "/assessments").then().statusCode(201);
        assertOnlyPipelineTraces(attacker);
    }

    @Test
    void rewritingAPipelineTracesMetadataMovesItNowhere() {
        // a client's root span and trace info for the pipeline's row trace, naming another pipeline run
        Spans.sendUnmarked(Spans.root(ROW, Ids.newSpanId(), EXPERIMENT, 1_000, 100, null,
                Map.of(MlflowKeys.SOURCE_RUN, OTHER_PIPELINE_RUN)));
        putInfo(HUMAN_ROW, Map.of(MlflowKeys.SOURCE_RUN, OTHER_PIPELINE_RUN)).statusCode(200);
        await().atMost(WAIT).until(() -> given().get("/api/v1/traces/" + ROW).then().statusCode(200)
                .extract().jsonPath().getList("spans").size(), sizes -> sizes == 2);
        assertThat(listed(OTHER_PIPELINE_RUN)).doesNotContain(ROW, HUMAN_ROW);
        assertThat(searchRun(OTHER_PIPELINE_RUN)).doesNotContain(ROW, HUMAN_ROW);
        assertThat(listed(RUN)).contains(ROW, HUMAN_ROW);
    }

    @Test
    void aClientsOwnRunTakesTracesThroughEveryDoor() {
        String clientRun = "client-run-" + Ids.newSpanId();
        String viaOtlp = otlpTrace(clientRun);
        String viaInfo = Ids.newTraceId();
        putInfo(viaInfo, Map.of(MlflowKeys.SOURCE_RUN, clientRun)).statusCode(200);
        String viaLink = otlpTrace(null);
        given().contentType(ContentType.JSON).body(Map.of("trace_ids", List.of(viaLink)))
                .post("/api/v1/evaluations/" + clientRun + "/links").then().statusCode(200);
        for (String trace : List.of(viaOtlp, viaInfo, viaLink)) {
            humanFeedback(trace);
        }
        assertThat(listed(clientRun)).containsExactlyInAnyOrder(viaOtlp, viaInfo, viaLink);
        assertThat(total(clientRun)).isEqualTo(3);
        assertThat(searchRun(clientRun)).containsExactlyInAnyOrder(viaOtlp, viaInfo, viaLink);
    }

    @Test
    void aClientLinkMadeBeforeThePipelineNamedTheRunStopsCounting() {
        String run = "run-late-" + Ids.newSpanId();
        String early = otlpTrace(run);
        String earlyLinked = otlpTrace(null);
        given().contentType(ContentType.JSON).body(Map.of("trace_ids", List.of(earlyLinked)))
                .post("/api/v1/evaluations/" + run + "/links").then().statusCode(200);
        humanFeedback(early);
        humanFeedback(earlyLinked);
        assertThat(listed(run)).containsExactlyInAnyOrder(early, earlyLinked);

        String row = Ids.newTraceId();
        Spans.sendTrace(row, EXPERIMENT, 5_000, null, Map.of(MlflowKeys.SOURCE_RUN, run));
        Events.send(Events.judgeFeedback(row, "correctness", TextNode.valueOf("no"), run, null));
        await().atMost(WAIT).untilAsserted(() -> assertThat(listed(run)).containsExactly(row));
        assertThat(total(run)).isEqualTo(1);
        given().get("/api/v1/evaluations/" + run + "/summary").then().statusCode(200)
                .body("traces", org.hamcrest.Matchers.equalTo(1));
        assertThat(searchRun(run)).containsExactly(row);
    }

    /**
     * A run id or experiment id longer than any (random text, so the database cannot compress it into its index) is
     * refused at the door: before, OTLP acked it with 200 and the consumer dead-lettered the trace (index entry too
     * large), and trace info answered a 5xx.
     */
    @Test
    void anOverlongRunOrExperimentIdIsRefusedAtTheDoorNotDroppedLater() {
        String overlong = HostileRequests.incompressible(3000);
        String hex = Ids.newTraceId().substring(Ids.TRACE_PREFIX.length());
        String body = """
                {"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "%s", "spanId": "%s", "name": "agent",
                  "startTimeUnixNano": "1732600000000000000", "endTimeUnixNano": "1732600001000000000"}]}]}]}
                """.formatted(hex, Ids.newSpanId());
        for (HostileHeaders.Hostile hostile : HostileHeaders.OVERLONG) {
            Map<String, String> headers = new LinkedHashMap<>(Map.of(HostileHeaders.EXPERIMENT_ID, EXPERIMENT));
            headers.put(hostile.header(), hostile.value());
            String named = hostile.header().equals(HostileHeaders.RUN_ID) ? "mlflow.sourceRun" : "experiment_id";
            given().contentType("application/json").headers(headers).body(body).post("/v1/traces").then()
                    .statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("detail", containsString(named));
        }
        putInfo(Ids.newTraceId(), Map.of(MlflowKeys.SOURCE_RUN, overlong)).statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("mlflow.sourceRun"));
        given().get("/api/v1/traces/" + Ids.TRACE_PREFIX + hex).then().statusCode(404);
    }

    private static void assertOnlyPipelineTraces(String attacker) {
        assertThat(listed(RUN)).containsExactlyInAnyOrder(ROW, HUMAN_ROW).doesNotContain(attacker);
        assertThat(total(RUN)).isEqualTo(2);
        given().get("/api/v1/evaluations/" + RUN + "/summary").then().statusCode(200)
                .body("traces", org.hamcrest.Matchers.equalTo(2));
        assertThat(searchRun(RUN)).contains(ROW, HUMAN_ROW, JUDGE).doesNotContain(attacker);
    }

    /** An OTLP/JSON trace of one root span, with {@code x-mlflow-run-id} when a run is given; waits until stored. */
    private static String otlpTrace(String runId) {
        String hex = Ids.newTraceId().substring(Ids.TRACE_PREFIX.length());
        String body = """
                {"resourceSpans": [{"resource": {"attributes": []}, "scopeSpans": [{"scope": {"name": "app"},
                  "spans": [{"traceId": "%s", "spanId": "%s", "name": "agent",
                    "startTimeUnixNano": "1732600000000000000", "endTimeUnixNano": "1732600001000000000"}]}]}]}
                """.formatted(hex, Ids.newSpanId());
        var request = given().contentType("application/json").header("x-mlflow-experiment-id", EXPERIMENT);
        if (runId != null) {
            request.header("x-mlflow-run-id", runId);
        }
        request.body(body).post("/v1/traces").then().statusCode(200);
        String traceId = Ids.TRACE_PREFIX + hex;
        awaitStored(traceId);
        return traceId;
    }

    private static io.restassured.response.ValidatableResponse putInfo(String traceId, Map<String, String> metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("experiment_id", EXPERIMENT);
        body.put("request_time_ms", Spans.BASE_NS / 1_000_000L + 4_000);
        body.put("trace_metadata", metadata);
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/traces/" + traceId + "/info").then();
    }

    private static void awaitStored(String traceId) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200));
    }

    private static void humanFeedback(String traceId) {
        given().contentType(ContentType.JSON).body(Map.of("name", "thumbs_up", "assessment_type", "FEEDBACK",
                "value", true, "source", Map.of("source_type", "HUMAN", "source_id", "mallory")))
                .post("/api/v1/traces/" + traceId + "/assessments").then().statusCode(201);
    }

    private static List<String> listed(String run) {
        return given().get("/api/v1/evaluations/" + run + "/traces?page_size=500").then().statusCode(200)
                .extract().jsonPath().getList("traces.trace_id");
    }

    private static int total(String run) {
        return given().get("/api/v1/evaluations/" + run + "/traces?page_size=500").then().statusCode(200)
                .extract().jsonPath().getInt("total");
    }

    private static List<String> searchRun(String run) {
        return given().contentType(ContentType.JSON).body(Map.of("experiment_ids", List.of(EXPERIMENT),
                "filter_string", "run_id = '" + run + "'", "max_results", 500))
                .post("/api/v1/traces/search").then().statusCode(200).extract().jsonPath().getList("traces.trace_id");
    }
}
