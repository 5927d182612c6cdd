package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
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
import io.restassured.path.json.JsonPath;

/**
 * One run: 12 evaluated rows, each judged by its own judge trace; judge traces, a row without assessments and a row
 * with only another run's feedback must not be listed; a row with human feedback and a trace evaluated by the run
 * (linked through its feedback) are. 14 listed rows in all.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class EvaluationListTests {

    private static final String RUN = "run-eval-" + Ids.newSpanId();
    private static final String OTHER_RUN = "run-other-" + Ids.newSpanId();
    private static final String EXPERIMENT = "exp-eval";
    private static final List<String> ROWS = new ArrayList<>();
    private static final List<String> JUDGES = new ArrayList<>();
    private static final String NO_ASSESSMENT = Ids.newTraceId();
    private static final String OTHER_RUN_ONLY = Ids.newTraceId();
    private static final String HUMAN_ONLY = Ids.newTraceId();
    private static final String EVALUATED_EXISTING = Ids.newTraceId();

    private static boolean stored;

    /** Once per class; in @BeforeEach because rest-assured only knows the app's port from then on. */
    @BeforeEach
    void storeRun() {
        if (stored) {
            return;
        }
        stored = true;
        dev.evalplane.trace.support.ExactJson.enable();
        Map<String, String> inRun = Map.of(MlflowKeys.SOURCE_RUN, RUN);
        for (int i = 1; i <= 12; i++) {
            String row = Ids.newTraceId();
            String judge = Ids.newTraceId();
            ROWS.add(row);
            JUDGES.add(judge);
            Spans.sendTrace(row, EXPERIMENT, i * 1000L, null, inRun);
            Spans.sendTrace(judge, EXPERIMENT, i * 1000L + 500, Map.of(MlflowKeys.SOURCE_SCORER_TAG, "correctness"), inRun);
            Events.send(Events.judgeFeedback(row, "correctness", TextNode.valueOf(i % 4 == 0 ? "no" : "yes"), RUN, judge));
            Events.send(Events.cost(judge, 1, 100L * i, 10L * i, "0.0001" + String.format("%02d", i), CostStatus.PRICED));
        }
        // feedback on a judge trace must not bring it in
        Events.send(Events.humanFeedback(JUDGES.get(0), "looks_right", BooleanNode.TRUE));
        // another run's feedback on row 1 is not shown on that row
        Events.send(Events.judgeFeedback(ROWS.get(0), "correctness", TextNode.valueOf("no"), OTHER_RUN, null));
        Spans.sendTrace(NO_ASSESSMENT, EXPERIMENT, 13_000, null, inRun);
        Spans.sendTrace(OTHER_RUN_ONLY, EXPERIMENT, 14_000, null, inRun);
        Events.send(Events.judgeFeedback(OTHER_RUN_ONLY, "correctness", TextNode.valueOf("yes"), OTHER_RUN, null));
        Spans.sendTrace(HUMAN_ONLY, EXPERIMENT, 15_000, null, inRun);
        Events.send(Events.humanFeedback(HUMAN_ONLY, "thumbs_up", BooleanNode.TRUE));
        // an existing production trace evaluated by the run: its feedback links it; the feedback arrives first
        Events.send(Events.judgeFeedback(EVALUATED_EXISTING, "relevance", IntNode.valueOf(4), RUN, null));
        Events.send(Events.judgeFeedback(EVALUATED_EXISTING, "conciseness", IntNode.valueOf(2), RUN, null));
        Spans.sendTrace(EVALUATED_EXISTING, "exp-prod", 16_000, null, null);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath page = list(500, null);
            assertThat(page.getInt("total")).isEqualTo(14);
            assertThat(page.getList("traces.judge_cost.cost_status")).containsOnly("PRICED", "NO_USAGE");
            assertThat(page.getList("traces.assessments.flatten()")).hasSize(15);
        });
    }

    @Test
    void listsOnlyEvaluatedRowsNeverJudgeTraces() {
        JsonPath page = list(500, null);
        List<String> ids = page.getList("traces.trace_id");
        List<String> expected = new ArrayList<>(ROWS);
        expected.add(HUMAN_ONLY);
        expected.add(EVALUATED_EXISTING);
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ids).doesNotContainAnyElementsOf(JUDGES).doesNotContain(NO_ASSESSMENT, OTHER_RUN_ONLY);
        assertThat(page.getString("next_page_token")).isNull();
        // newest first
        assertThat(ids.get(0)).isEqualTo(EVALUATED_EXISTING);
        assertThat(ids.get(ids.size() - 1)).isEqualTo(ROWS.get(0));
    }

    @Test
    void pagesAreExactAndTotalCountsAllRows() {
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            JsonPath page = list(5, token);
            assertThat(page.getInt("total")).isEqualTo(14);
            sizes.add(page.getList("traces").size());
            seen.addAll(page.getList("traces.trace_id"));
            token = page.getString("next_page_token");
        } while (token != null);
        assertThat(sizes).containsExactly(5, 5, 4);
        assertThat(seen).doesNotHaveDuplicates().hasSize(14);
    }

    @Test
    void rowsShowThisRunsAssessmentsAndTheirJudgeCost() {
        JsonPath page = list(500, null);
        int first = page.getList("traces.trace_id").indexOf(ROWS.get(0));
        String row = "traces[" + first + "]";
        assertThat(page.getList(row + ".assessments.metadata.'mlflow.assessment.sourceRunId'")).containsExactly(RUN);
        assertThat(page.getString(row + ".assessments[0].metadata.'mlflow.assessment.judgeCost'")).isEqualTo("0.000101");
        assertThat(page.getString(row + ".assessments[0].metadata.'evalplane.assessment.judgeCostStatus'")).isEqualTo("PRICED");
        assertThat(new BigDecimal(page.getString(row + ".judge_cost.total_cost"))).isEqualByComparingTo("0.000101");
        assertThat(page.getLong(row + ".judge_cost.input_tokens")).isEqualTo(100);
        assertThat(page.getLong(row + ".judge_cost.output_tokens")).isEqualTo(10);
        int human = page.getList("traces.trace_id").indexOf(HUMAN_ONLY);
        assertThat(page.getString("traces[" + human + "].judge_cost.cost_status")).isEqualTo("NO_USAGE");
        assertThat(page.getList("traces[" + human + "].assessments.name")).containsExactly("thumbs_up");
    }

    @Test
    void summaryTotalsJudgeCostAndScores() {
        JsonPath summary = given().get("/api/v1/evaluations/" + RUN + "/summary").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getString("run_id")).isEqualTo(RUN);
        assertThat(summary.getInt("traces")).isEqualTo(14);
        // 0.000101 + 0.000102 + ... + 0.000112, exactly
        assertThat(summary.getString("judge_cost.cost_status")).isEqualTo("PRICED");
        assertThat(new BigDecimal(summary.getString("judge_cost.total_cost"))).isEqualByComparingTo("0.001278");
        assertThat(summary.getLong("judge_cost.input_tokens")).isEqualTo(7800);
        assertThat(summary.getLong("judge_cost.output_tokens")).isEqualTo(780);
        assertThat(summary.getList("scorers.name")).containsExactly("conciseness", "correctness", "relevance", "thumbs_up");
        String correctness = "scorers.find { it.name == 'correctness' }";
        assertThat(summary.getInt(correctness + ".count")).isEqualTo(12);
        assertThat(new BigDecimal(summary.getString(correctness + ".pass_rate"))).isEqualByComparingTo("0.75");
        assertThat(summary.getString(correctness + ".mean")).isNull();
        assertThat(new BigDecimal(summary.getString(correctness + ".total_cost"))).isEqualByComparingTo("0.001278");
        assertThat(summary.getString("scorers.find { it.name == 'relevance' }.pass_rate")).isNull();
        assertThat(new BigDecimal(summary.getString("scorers.find { it.name == 'relevance' }.mean")))
                .isEqualByComparingTo("4");
        assertThat(new BigDecimal(summary.getString("scorers.find { it.name == 'conciseness' }.total_cost")))
                .isEqualByComparingTo("0");
        assertThat(summary.getString("scorers.find { it.name == 'conciseness' }.cost_status")).isEqualTo("NO_USAGE");
        assertThat(new BigDecimal(summary.getString("scorers.find { it.name == 'thumbs_up' }.pass_rate")))
                .isEqualByComparingTo("1");
        assertThat(summary.getInt("scorers.find { it.name == 'thumbs_up' }.errors")).isZero();
    }

    @Test
    void unknownRunIsEmptyAndBadPageSizeIsAProblem() {
        JsonPath empty = list(10, null);
        assertThat(empty.getInt("total")).isEqualTo(14);
        given().get("/api/v1/evaluations/no-such-run/traces").then().statusCode(200).body("total", equalTo(0));
        given().get("/api/v1/evaluations/" + RUN + "/traces?page_size=0").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/v1/evaluations/" + RUN + "/traces?page_size=ten").then().statusCode(400);
        given().get("/api/v1/evaluations/" + RUN + "/traces?page_token=zzz").then().statusCode(400)
                .body("title", equalTo("Invalid page_token"));
    }

    private static JsonPath list(int pageSize, String token) {
        var request = given().queryParam("page_size", pageSize);
        if (token != null) {
            request.queryParam("page_token", token);
        }
        return request.get("/api/v1/evaluations/" + RUN + "/traces").then().statusCode(200).extract().jsonPath();
    }
}
