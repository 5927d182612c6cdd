package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class TraceCostTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The span id Events.cost prices. */
    private static final String LLM_SPAN = "1a2b3c4d5e6f7a8b";

    @org.junit.jupiter.api.BeforeAll
    static void exactNumbers() {
        dev.evalplane.trace.support.ExactJson.enable();
    }

    @Test
    void costArrivingBeforeTraceAndFeedbackIsApplied() {
        String row = Ids.newTraceId();
        String judge = Ids.newTraceId();
        Events.send(Events.cost(judge, 1, 1200, 300, "0.000660000000000000000001", CostStatus.PRICED));
        sendJudgeTrace(judge);
        Spans.sendTrace(row, "exp-cost", 0, null, null);
        Events.send(Events.judgeFeedback(row, "correctness", TextNode.valueOf("yes"), "run-cost-1", judge));

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, String> metadata = feedbackMetadata(row);
            assertThat(metadata).containsEntry(MlflowKeys.JUDGE_COST, "0.000660000000000000000001")
                    .containsEntry(MlflowKeys.JUDGE_INPUT_TOKENS, "1200")
                    .containsEntry(MlflowKeys.JUDGE_OUTPUT_TOKENS, "300")
                    .containsEntry(MlflowKeys.JUDGE_COST_STATUS, "PRICED");
        });
        JsonPath trace = trace(judge);
        assertThat(trace.getString("info.trace_metadata.'mlflow.trace.tokenUsage'")).isEqualTo(
                "{\"input_tokens\":1200,\"output_tokens\":300,\"total_tokens\":1500,\"cache_read_input_tokens\":0,"
                        + "\"cache_creation_input_tokens\":0}");
        assertThat(trace.getString("info.trace_metadata.'mlflow.trace.cost'")).isEqualTo(
                "{\"input_cost\":0.000659990000000000000001,\"output_cost\":0.00000001,"
                        + "\"total_cost\":0.000660000000000000000001}");
        assertThat(trace.getString("spans.find { it.span_id == '" + LLM_SPAN + "' }.attributes.'mlflow.llm.cost'.total_cost"))
                .isEqualTo("0.000660000000000000000001");
        String llmSpan = "spans.find { it.span_id == '" + LLM_SPAN + "' }.attributes";
        assertThat(trace.getMap(llmSpan + ".'mlflow.llm.cost'")).as("MLflow's shape, nothing more")
                .containsOnlyKeys("input_cost", "output_cost", "total_cost");
        assertThat(trace.getMap(llmSpan + ".'evalplane.llm.pricedBy'")).containsEntry("price_key", "gpt-4.1-mini")
                .containsEntry("price_source", "bundled").containsEntry("match", "PROVIDER_AND_MODEL");
    }

    @Test
    void costArrivingAfterFeedbackIsApplied() {
        String row = Ids.newTraceId();
        String judge = Ids.newTraceId();
        sendJudgeTrace(judge);
        Spans.sendTrace(row, "exp-cost", 0, null, null);
        Events.send(Events.judgeFeedback(row, "correctness", TextNode.valueOf("no"), "run-cost-2", judge));
        await().atMost(WAIT).untilAsserted(() -> assertThat(feedbackMetadata(row))
                .containsEntry(MlflowKeys.SCORER_TRACE_ID, judge).doesNotContainKey(MlflowKeys.JUDGE_COST));

        Events.send(Events.cost(judge, 2, 50, 5, "0.0000125", CostStatus.PRICED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(feedbackMetadata(row))
                .containsEntry(MlflowKeys.JUDGE_COST, "0.0000125").containsEntry(MlflowKeys.JUDGE_INPUT_TOKENS, "50"));
    }

    @Test
    void staleVersionIsIgnored() {
        String judge = Ids.newTraceId();
        sendJudgeTrace(judge);
        Events.send(Events.cost(judge, 5, 10, 1, "0.5", CostStatus.PRICED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(trace(judge).getString(
                "info.trace_metadata.'mlflow.trace.cost'")).contains("\"total_cost\":0.5"));

        Events.send(Events.cost(judge, 3, 99, 9, "0.9", CostStatus.PRICED));
        Events.send(Events.cost(judge, 5, 77, 7, "0.7", CostStatus.PRICED));
        // a marker on the same key (same partition) is consumed after both stale records
        String marker = Ids.newTraceId();
        TopicClient.onTestBroker().send(Topics.TRACE_COSTS, judge,
                Events.json(Events.cost(marker, 1, 1, 1, "0.1", CostStatus.PRICED)));
        sendJudgeTrace(marker);
        await().atMost(WAIT).untilAsserted(() -> assertThat(trace(marker).getString(
                "info.trace_metadata.'mlflow.trace.cost'")).contains("\"total_cost\":0.1"));
        JsonPath after = trace(judge);
        assertThat(after.getString("info.trace_metadata.'mlflow.trace.cost'")).contains("\"total_cost\":0.5");
        assertThat(after.getString("info.trace_metadata.'mlflow.trace.tokenUsage'")).contains("\"input_tokens\":10,");

        Events.send(Events.cost(judge, 6, 20, 2, "0.6", CostStatus.PRICED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(trace(judge).getString(
                "info.trace_metadata.'mlflow.trace.cost'")).contains("\"total_cost\":0.6"));
    }

    @Test
    void unknownCostIsNeverAZero() {
        String row = Ids.newTraceId();
        String judge = Ids.newTraceId();
        sendJudgeTrace(judge);
        Spans.sendTrace(row, "exp-cost", 0, null, null);
        Events.send(Events.judgeFeedback(row, "safety", TextNode.valueOf("yes"), "run-cost-3", judge));
        Events.send(Events.cost(judge, 1, 400, 40, null, CostStatus.UNPRICED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(feedbackMetadata(row))
                .containsEntry(MlflowKeys.JUDGE_COST_STATUS, "UNPRICED").containsEntry(MlflowKeys.JUDGE_INPUT_TOKENS, "400")
                .doesNotContainKey(MlflowKeys.JUDGE_COST));
        JsonPath trace = trace(judge);
        assertThat(trace.getMap("info.trace_metadata")).doesNotContainKey(MlflowKeys.TRACE_COST)
                .containsKey(MlflowKeys.TRACE_TOKEN_USAGE).containsEntry("evalplane.trace.costStatus", "UNPRICED");
        given().get("/api/v1/evaluations/run-cost-3/summary").then().statusCode(200)
                .body("judge_cost.cost_status", org.hamcrest.Matchers.equalTo("UNPRICED"))
                .body("judge_cost.total_cost", org.hamcrest.Matchers.nullValue())
                .body("judge_cost.input_tokens", org.hamcrest.Matchers.equalTo(400));
    }

    /**
     * The judge metadata is built from the cost's columns on read (V11, no longer stored as a patch): the feedback
     * shows exactly the text the cost carried (a decimal's trailing zeros too) and nothing more, as the stored patch did.
     */
    @Test
    void judgeMetadataReadsBackExactlyAsTheCostCarriedIt() {
        String row = Ids.newTraceId();
        String judge = Ids.newTraceId();
        sendJudgeTrace(judge);
        Spans.sendTrace(row, "exp-cost", 0, null, null);
        Events.send(Events.judgeFeedback(row, "correctness", TextNode.valueOf("yes"), "run-cost-5", judge));
        Events.send(Events.cost(judge, 1, 7, 3, "1.2500", CostStatus.PRICED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(feedbackMetadata(row)).containsOnly(
                Map.entry(MlflowKeys.SOURCE_RUN_ID, "run-cost-5"), Map.entry(MlflowKeys.SCORER_TRACE_ID, judge),
                Map.entry(MlflowKeys.JUDGE_COST, "1.2500"), Map.entry(MlflowKeys.JUDGE_INPUT_TOKENS, "7"),
                Map.entry(MlflowKeys.JUDGE_OUTPUT_TOKENS, "3"), Map.entry(MlflowKeys.JUDGE_COST_STATUS, "PRICED")));

        Events.send(Events.cost(judge, 2, 9, 4, null, CostStatus.UNPRICED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(feedbackMetadata(row)).containsOnly(
                Map.entry(MlflowKeys.SOURCE_RUN_ID, "run-cost-5"), Map.entry(MlflowKeys.SCORER_TRACE_ID, judge),
                Map.entry(MlflowKeys.JUDGE_INPUT_TOKENS, "9"), Map.entry(MlflowKeys.JUDGE_OUTPUT_TOKENS, "4"),
                Map.entry(MlflowKeys.JUDGE_COST_STATUS, "UNPRICED")));
    }

    private static void sendJudgeTrace(String judge) {
        SpanEvent root = Spans.root(judge, Ids.newSpanId(), "exp-cost", 0, 900,
                Map.of(MlflowKeys.SOURCE_SCORER_TAG, "correctness"), null);
        Spans.send(root);
        Spans.send(Spans.child(judge, LLM_SPAN, root.spanId(), "exp-cost", 10, null, null));
    }

    private static Map<String, String> feedbackMetadata(String row) {
        JsonPath trace = given().get("/api/v1/traces/" + row).then().statusCode(200).extract().jsonPath();
        assertThat(trace.getList("info.assessments")).hasSize(1);
        assertThat(trace.getString("info.assessments[0].assessment_type")).isEqualTo(AssessmentEvent.FEEDBACK);
        return trace.getMap("info.assessments[0].metadata");
    }

    private static JsonPath trace(String traceId) {
        return given().get("/api/v1/traces/" + traceId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void partiallyPricedTraceTellsItsKnownSpendAndWhatIsUnpriced() {
        String traceId = Ids.newTraceId();
        sendJudgeTrace(traceId);
        TraceCostEvent partial = Events.cost(traceId, 1, 200, 20, null, CostStatus.PARTIALLY_PRICED,
                List.of("acme-large"));
        BigDecimal priced = new BigDecimal("0.000123");
        List<SpanCost> spans = List.of(partial.spans().get(0), new SpanCost("00000000000000c1", "openai",
                "gpt-4.1-mini", TokenUsage.of(100, 10), priced, BigDecimal.ZERO, priced, CostStatus.PRICED, null));
        Events.send(new TraceCostEvent(1, traceId, 1, 200, 20, 220, 0, 0, 0, null, null, null,
                CostStatus.PARTIALLY_PRICED, List.of("acme-large"), spans, "test-prices", partial.computedAt()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(trace(traceId).getMap("info.trace_metadata"))
                .containsEntry("evalplane.trace.knownCost", "0.000123")
                .containsEntry("evalplane.trace.unpricedCalls", "1")
                .containsEntry("evalplane.trace.unpricedModels", "acme-large")
                .doesNotContainKey(MlflowKeys.TRACE_COST));

        Events.send(Events.cost(traceId, 2, 200, 20, "0.0002", CostStatus.PRICED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(trace(traceId).getMap("info.trace_metadata"))
                .containsKey(MlflowKeys.TRACE_COST).doesNotContainKey("evalplane.trace.knownCost")
                .doesNotContainKey("evalplane.trace.unpricedCalls"));
    }
}
