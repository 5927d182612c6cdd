package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.ExactJson;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A run whose judge calls are not all priced still tells what is known: the exact spend of the priced calls, how
 * many are not priced and which models they used; the batch summaries answer what the run's own summary answers.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class PartiallyPricedRunTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void knownSpendUnpricedCallsAndTheirModelsAreToldWhileTheTotalIsUnknown() {
        ExactJson.enable();
        String run = "run-partial-" + Ids.newSpanId();
        judged(run, "correctness", "0.0004", CostStatus.PRICED, List.of());
        judged(run, "correctness", "0.00064", CostStatus.PRICED, List.of());
        judged(run, "safety", "0.0002", CostStatus.PRICED, List.of());
        judged(run, "safety", null, CostStatus.UNPRICED, List.of("acme-judge-large"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(summary(run).getLong("judge_cost.input_tokens"))
                .isEqualTo(400));
        JsonPath summary = summary(run);
        assertThat(summary.getString("judge_cost.total_cost")).isNull();
        assertThat(summary.getString("judge_cost.cost_status")).isEqualTo("PARTIALLY_PRICED");
        assertThat(new BigDecimal(summary.getString("judge_cost.known_cost"))).isEqualByComparingTo("0.00124");
        assertThat(summary.getLong("judge_cost.unpriced_calls")).isEqualTo(1);
        assertThat(summary.getList("judge_cost.unpriced_models")).containsExactly("acme-judge-large");
        String safety = "scorers.find { it.name == 'safety' }";
        assertThat(summary.getString(safety + ".total_cost")).isNull();
        assertThat(new BigDecimal(summary.getString(safety + ".known_cost"))).isEqualByComparingTo("0.0002");
        assertThat(summary.getLong(safety + ".unpriced_calls")).isEqualTo(1);
        assertThat(summary.getList(safety + ".unpriced_models")).containsExactly("acme-judge-large");
        String correctness = "scorers.find { it.name == 'correctness' }";
        assertThat(new BigDecimal(summary.getString(correctness + ".total_cost"))).isEqualByComparingTo("0.00104");
        assertThat(summary.getLong(correctness + ".unpriced_calls")).isZero();
        assertThat(summary.getList(correctness + ".unpriced_models")).isEmpty();

        String other = "run-priced-" + Ids.newSpanId();
        judged(other, "correctness", "0.0003", CostStatus.PRICED, List.of());
        await().atMost(WAIT).untilAsserted(() -> assertThat(summary(other).getString("judge_cost.cost_status"))
                .isEqualTo("PRICED"));
        JsonPath batch = given().contentType("application/json")
                .body(Map.of("run_ids", List.of(other, run, "run-never-seen")))
                .post("/api/v1/evaluations/summaries").then().statusCode(200).extract().jsonPath();
        assertThat(batch.getList("summaries.run_id")).containsExactly(other, run, "run-never-seen");
        assertThat(new BigDecimal(batch.getString("summaries[0].judge_cost.total_cost")))
                .isEqualByComparingTo("0.0003");
        assertThat(batch.getString("summaries[1].judge_cost.cost_status")).isEqualTo("PARTIALLY_PRICED");
        assertThat(new BigDecimal(batch.getString("summaries[1].judge_cost.known_cost")))
                .isEqualByComparingTo("0.00124");
        assertThat(batch.getInt("summaries[2].traces")).isZero();
    }

    @Test
    void batchSummariesRefuseWhatTheyCannotAnswer() {
        given().contentType("application/json").body("{}").post("/api/v1/evaluations/summaries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("run_ids"));
        given().contentType("application/json").body(Map.of("run_ids", java.util.Collections.nCopies(201, "r")))
                .post("/api/v1/evaluations/summaries")
                .then().statusCode(400).body("detail", containsString("at most 200"));
        given().contentType("application/json").body(Map.of("run_ids", List.of("a\u0000b")))
                .post("/api/v1/evaluations/summaries")
                .then().statusCode(400).body("detail", containsString("invalid run id"));
    }

    /** One row trace of the run with its judge's feedback and the judge trace's cost (100 input tokens). */
    private static void judged(String run, String scorer, String cost, CostStatus status, List<String> unpriced) {
        String row = Ids.newTraceId();
        String judge = Ids.newTraceId();
        Map<String, String> inRun = Map.of(MlflowKeys.SOURCE_RUN, run);
        Spans.sendTrace(row, "exp-partial", 1000, null, inRun);
        Spans.sendTrace(judge, "exp-partial", 1500, Map.of(MlflowKeys.SOURCE_SCORER_TAG, scorer), inRun);
        Events.send(Events.cost(judge, 1, 100, 10, cost, status, unpriced));
        Events.send(Events.judgeFeedback(row, scorer, TextNode.valueOf("yes"), run, judge));
    }

    private static JsonPath summary(String run) {
        return given().get("/api/v1/evaluations/" + run + "/summary").then().statusCode(200).extract().jsonPath();
    }
}
