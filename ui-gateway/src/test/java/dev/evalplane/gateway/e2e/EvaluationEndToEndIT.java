package dev.evalplane.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The judges issue's end-to-end case on the real stack: every Feedback of a 3-row evaluation with Correctness, a
 * Guidelines judge and a template judge carries judgeCost = tokens x the table's prices, its token counts and a
 * scorerTraceId that resolves to a stored judge trace whose mlflow.trace.cost matches; an unpriced model gives
 * tokens and no cost.
 */
@QuarkusTest
@WithTestResource(value = RealStackResource.class)
class EvaluationEndToEndIT {

    @Test
    void everyFeedbackCarriesItsExactJudgeCostAndResolvableJudgeTrace() {
        String runId = SharedRuns.priced();
        JsonPath price = given().queryParam("model", "gpt-4.1-mini").get("/api/v1/prices").then().statusCode(200)
                .extract().jsonPath();
        BigDecimal inputRate = new BigDecimal(price.getString("rates.input_cost_per_token"));
        BigDecimal outputRate = new BigDecimal(price.getString("rates.output_cost_per_token"));

        List<Feedback> feedback = SharedRuns.costedFeedback(runId, 9);
        assertThat(feedback).hasSize(9);
        assertThat(feedback).extracting(Feedback::name).containsOnly("correctness", "concise", "helpful");
        for (Feedback f : feedback) {
            assertThat(f.inputTokens()).as("input tokens of %s", f.name()).isPositive();
            assertThat(f.outputTokens()).as("output tokens of %s", f.name()).isPositive();
            BigDecimal expected = inputRate.multiply(BigDecimal.valueOf(f.inputTokens()))
                    .add(outputRate.multiply(BigDecimal.valueOf(f.outputTokens())));
            assertThat(f.judgeCost()).as("judge cost of %s on %s", f.name(), f.traceId()).isEqualByComparingTo(expected);
            assertThat(f.costStatus()).isEqualTo("PRICED");

            JsonPath judgeTrace = given().get("/api/v1/traces/" + f.judgeTraceId()).then().statusCode(200).extract().jsonPath();
            assertThat(judgeTrace.getString("info.tags.'mlflow.trace.sourceScorer'")).isNotBlank();
            assertThat(judgeTrace.getString("info.trace_metadata.'mlflow.sourceRun'")).isEqualTo(runId);
            JsonPath traceCost = JsonPath.from(judgeTrace.getString("info.trace_metadata.'mlflow.trace.cost'"));
            assertThat(new BigDecimal(traceCost.getString("total_cost"))).isEqualByComparingTo(f.judgeCost());
            List<String> spanTypes = judgeTrace.getList("spans.span_type");
            assertThat(spanTypes).contains("EVALUATOR");
            assertThat(spanTypes).anyMatch(t -> t.equals("CHAT_MODEL") || t.equals("LLM"));
        }
    }

    @Test
    void unpricedModelGivesTokensAndNoCost() {
        String runId = SharedRuns.unpriced();
        List<Feedback> feedback = SharedRuns.costedFeedback(runId, 9);
        assertThat(feedback).hasSize(9).allSatisfy(f -> {
            assertThat(f.judgeCost()).isNull();
            assertThat(f.costStatus()).isEqualTo("UNPRICED");
            assertThat(f.inputTokens()).isPositive();
            assertThat(f.outputTokens()).isPositive();
        });
    }

    @Test
    void evaluationListHasTheRowsButNoJudgeTracesAndExactTotals() {
        String runId = SharedRuns.priced();
        List<Map<String, Object>> rows = Runs.list(runId);
        assertThat(rows).hasSize(3);
        assertThat((Integer) given().queryParam("page_size", 2).get("/api/v1/evaluations/" + runId + "/traces")
                .then().statusCode(200).extract().path("total")).isEqualTo(3);
        List<String> judgeTraceIds = SharedRuns.costedFeedback(runId, 9).stream().map(Feedback::judgeTraceId).toList();
        assertThat(rows).extracting(r -> (String) r.get("trace_id")).doesNotContainAnyElementsOf(judgeTraceIds);
    }

    @Test
    void runSummaryTotalsTheJudgeCostOfItsFeedback() {
        String runId = SharedRuns.priced();
        BigDecimal sum = SharedRuns.costedFeedback(runId, 9).stream().map(Feedback::judgeCost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath summary = given().get("/api/v1/evaluations/" + runId + "/summary").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(new BigDecimal(summary.getString("judge_cost.total_cost"))).isEqualByComparingTo(sum);
            assertThat(summary.getList("scorers.name")).containsExactlyInAnyOrder("correctness", "concise", "helpful");
        });
    }

    @Test
    void runListShowsTheSameJudgeCostAsEachRunsPage() {
        String priced = SharedRuns.priced();
        String unpriced = SharedRuns.unpriced();
        SharedRuns.costedFeedback(priced, 9);
        SharedRuns.costedFeedback(unpriced, 9);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath list = given().queryParam("experiment_id", "0").get("/api/v1/evaluations").then().statusCode(200)
                    .extract().jsonPath();
            for (String runId : List.of(priced, unpriced)) {
                JsonPath page = given().get("/api/v1/evaluations/" + runId).then().statusCode(200).extract().jsonPath();
                String inList = "runs.find { it.run_id == '" + runId + "' }.judge_cost";
                assertThat(list.getMap(inList)).isEqualTo(page.getMap("judge_cost"));
            }
            assertThat(list.getString("runs.find { it.run_id == '" + priced + "' }.judge_cost.cost_status"))
                    .isEqualTo("PRICED");
            assertThat(list.getString("runs.find { it.run_id == '" + priced + "' }.judge_cost.total_cost")).isNotNull();
            assertThat(list.getList("runs.find { it.run_id == '" + unpriced + "' }.judge_cost.unpriced_models"))
                    .containsExactly(SharedRuns.UNPRICED_MODEL);
        });
    }
}
