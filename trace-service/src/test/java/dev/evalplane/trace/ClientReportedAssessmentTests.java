package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A client writing the keys the pipeline derives run totals and run lists from, through the public assessment API
 * (issue 12 item 3): what it writes is kept under {@code client.<key>}, the run's total, per-scorer cost and list stay
 * what scorer-service and cost-service produced. One run: a row trace judged by a priced judge trace ($0.00012).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class ClientReportedAssessmentTests {

    private static final String RUN = "run-forge-" + Ids.newSpanId();
    private static final String ROW = Ids.newTraceId();
    private static final String JUDGE = Ids.newTraceId();
    private static final String PIPELINE_FEEDBACK = Ids.assessmentId(RUN, ROW, "correctness");
    private static final String JUDGE_COST = "0.00012";

    private static boolean stored;

    /** Once per class; in @BeforeEach because rest-assured only knows the app's port from then on. */
    @BeforeEach
    void storeRun() {
        if (stored) {
            return;
        }
        stored = true;
        Spans.sendTrace(ROW, "exp-forge", 0, null, Map.of(MlflowKeys.SOURCE_RUN, RUN));
        Spans.sendTrace(JUDGE, "exp-forge", 1, Map.of(MlflowKeys.SOURCE_SCORER_TAG, "correctness"),
                Map.of(MlflowKeys.SOURCE_RUN, RUN));
        Events.send(Events.judgeFeedback(ROW, "correctness", TextNode.valueOf("yes"), RUN, JUDGE));
        Events.send(Events.cost(JUDGE, 1, 100, 20, JUDGE_COST, CostStatus.PRICED));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertRunIsWhatThePipelineProduced());
    }

    @Test
    void forgedJudgeCostOnANewAssessmentIsClientReportedAndNotSummed() {
        Map<String, Object> metadata = forgedKeys(RUN, "999999");
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("name", "correctness", "assessment_type", "FEEDBACK", "value", "yes",
                        "source", Map.of("source_type", "LLM_JUDGE", "source_id", "openai:/gpt-4.1-mini"),
                        "metadata", metadata))
                .post("/api/v1/traces/" + ROW + "/assessments").then().statusCode(201).extract().jsonPath();
        try {
            assertRunIsWhatThePipelineProduced();
        } finally {
            given().delete("/api/v1/traces/" + ROW + "/assessments/" + created.getString("assessment_id")).then()
                    .statusCode(204);
        }
        Map<String, String> stored = created.getMap("metadata");
        assertThat(stored).containsEntry("client." + MlflowKeys.JUDGE_COST, "999999")
                .containsEntry("client." + MlflowKeys.SOURCE_RUN_ID, RUN)
                .containsEntry("client." + MlflowKeys.SCORER_TRACE_ID, JUDGE)
                .containsEntry("client." + MlflowKeys.JUDGE_COST_STATUS, "PRICED")
                .doesNotContainKeys(MlflowKeys.JUDGE_COST, MlflowKeys.SOURCE_RUN_ID, MlflowKeys.SCORER_TRACE_ID,
                        MlflowKeys.JUDGE_INPUT_TOKENS, MlflowKeys.JUDGE_OUTPUT_TOKENS, MlflowKeys.JUDGE_COST_STATUS);
    }

    @Test
    void patchingRunKeysOntoAnUnrelatedTracesAssessmentDoesNotLinkItIntoTheRun() {
        String unrelated = Ids.newTraceId();
        Spans.sendTrace(unrelated, "exp-forge", 5, null, null);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/v1/traces/" + unrelated).then().statusCode(200));
        String human = given().contentType(ContentType.JSON)
                .body(Map.of("name", "correctness", "assessment_type", "FEEDBACK", "value", "no"))
                .post("/api/v1/traces/" + unrelated + "/assessments").then().statusCode(201).extract()
                .path("assessment_id");

        Map<String, String> patched = given().contentType(ContentType.JSON)
                .body(Map.of("metadata", forgedKeys(RUN, "999999")))
                .patch("/api/v1/traces/" + unrelated + "/assessments/" + human).then().statusCode(200).extract()
                .path("metadata");
        assertRunIsWhatThePipelineProduced();
        assertThat(patched).containsEntry("client." + MlflowKeys.SOURCE_RUN_ID, RUN)
                .doesNotContainKey(MlflowKeys.SOURCE_RUN_ID);
        JsonPath byRun = given().contentType(ContentType.JSON)
                .body(Map.of("experiment_ids", List.of("exp-forge"), "filter_string", "run_id = '" + RUN + "'"))
                .post("/api/v1/traces/search").then().statusCode(200).extract().jsonPath();
        assertThat(byRun.getList("traces.trace_id", String.class)).contains(ROW).doesNotContain(unrelated);
    }

    @Test
    void aPatchCannotRewriteOrRemoveWhatThePipelineWroteOnItsFeedback() {
        Map<String, Object> metadata = forgedKeys(RUN + "-other", "999999");
        metadata.put(MlflowKeys.SCORER_TRACE_ID, Ids.newTraceId());
        metadata.put(MlflowKeys.SOURCE_RUN_ID, null);
        Map<String, String> patched = given().contentType(ContentType.JSON).body(Map.of("metadata", metadata))
                .patch("/api/v1/traces/" + ROW + "/assessments/" + PIPELINE_FEEDBACK).then().statusCode(200).extract()
                .path("metadata");
        assertRunIsWhatThePipelineProduced();
        assertThat(patched).containsEntry(MlflowKeys.SOURCE_RUN_ID, RUN).containsEntry(MlflowKeys.SCORER_TRACE_ID, JUDGE)
                .containsEntry(MlflowKeys.JUDGE_COST_STATUS, "PRICED")
                .containsEntry("client." + MlflowKeys.JUDGE_COST, "999999");
        assertThat(new BigDecimal(patched.get(MlflowKeys.JUDGE_COST))).isEqualByComparingTo(JUDGE_COST);

        Map<String, Object> removeClientKeys = new HashMap<>();
        removeClientKeys.put(MlflowKeys.JUDGE_COST, null);
        Map<String, String> cleaned = given().contentType(ContentType.JSON)
                .body(Map.of("metadata", removeClientKeys))
                .patch("/api/v1/traces/" + ROW + "/assessments/" + PIPELINE_FEEDBACK).then().statusCode(200).extract()
                .path("metadata");
        assertThat(cleaned).containsKey(MlflowKeys.JUDGE_COST).doesNotContainKey("client." + MlflowKeys.JUDGE_COST);
    }

    /** The keys a client is not trusted with, all forged. */
    private static Map<String, Object> forgedKeys(String runId, String judgeCost) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MlflowKeys.JUDGE_COST, judgeCost);
        metadata.put(MlflowKeys.JUDGE_INPUT_TOKENS, "1000000");
        metadata.put(MlflowKeys.JUDGE_OUTPUT_TOKENS, "1000000");
        metadata.put(MlflowKeys.JUDGE_COST_STATUS, "PRICED");
        metadata.put(MlflowKeys.SOURCE_RUN_ID, runId);
        metadata.put(MlflowKeys.SCORER_TRACE_ID, JUDGE);
        return metadata;
    }

    /** One listed row, judged once at the judge trace's price: total, per-scorer cost, row cost and list. */
    private static void assertRunIsWhatThePipelineProduced() {
        JsonPath summary = given().get("/api/v1/evaluations/" + RUN + "/summary").then().statusCode(200).extract()
                .jsonPath();
        assertThat(summary.getInt("traces")).isEqualTo(1);
        assertThat(summary.getString("judge_cost.cost_status")).isEqualTo("PRICED");
        assertThat(new BigDecimal(summary.getString("judge_cost.total_cost"))).isEqualByComparingTo(JUDGE_COST);
        assertThat(summary.getLong("judge_cost.input_tokens")).isEqualTo(100);
        assertThat(summary.getLong("judge_cost.output_tokens")).isEqualTo(20);
        assertThat(new BigDecimal(summary.getString("scorers.find { it.name == 'correctness' }.total_cost")))
                .isEqualByComparingTo(JUDGE_COST);
        JsonPath page = given().get("/api/v1/evaluations/" + RUN + "/traces").then().statusCode(200).extract()
                .jsonPath();
        assertThat(page.getList("traces.trace_id", String.class)).containsExactly(ROW);
        assertThat(page.getInt("total")).isEqualTo(1);
        assertThat(new BigDecimal(page.getString("traces[0].judge_cost.total_cost"))).isEqualByComparingTo(JUDGE_COST);
        assertThat(page.getLong("traces[0].judge_cost.input_tokens")).isEqualTo(100);
    }
}
