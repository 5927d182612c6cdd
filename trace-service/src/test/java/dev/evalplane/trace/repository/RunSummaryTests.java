package dev.evalplane.trace.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.repository.EvaluationRepository.Summary;
import dev.evalplane.trace.support.ExactJson;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * A run's summary is stored with the run's writes counter and served while the counter has not moved. To see which
 * one is served, the stored summary is overwritten with a marker: it must be served while nothing changed, and every
 * kind of write that changes what the summary reads must bring the computed summary back.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class RunSummaryTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MARKER = "{\"format\": 2, \"total\": {\"total_cost\": 999, \"input_tokens\": 0, \"output_tokens\": 0,"
            + " \"cost_status\": \"PRICED\"}, \"scorers\": []}";

    @Inject
    Pool pool;

    @Inject
    EvaluationRepository evaluations;

    private final String run = "run-summary-" + Ids.newSpanId();

    @Test
    void storedSummaryIsServedUntilAWriteChangesWhatItReads() {
        ExactJson.enable();
        for (int i = 1; i <= 3; i++) {
            trace(i);
            feedback("a" + i, "t" + i, "correctness", "\"yes\"", run, "j" + i);
            cost("j" + i, 1, "0.00" + i);
        }
        sql("INSERT INTO trace_run_links (run_id, trace_id, request_time_ms, qualifies) SELECT $1, $1 || '-t' || g,"
                + " g, true FROM generate_series(1, 3) g", run);

        JsonPath first = summary();
        assertThat(first.getInt("traces")).isEqualTo(3);
        assertThat(new BigDecimal(first.getString("judge_cost.total_cost"))).isEqualByComparingTo("0.006");
        assertServedIsComputed();
        assertThat(summary().prettify()).as("the stored summary reads back exactly").isEqualTo(first.prettify());
        storeMarker();
        assertThat(markerIsServed()).as("nothing changed: the stored summary is served").isTrue();

        storeMarker();
        feedback("a4", "t1", "relevance", "4", run, null);
        assertThat(markerIsServed()).as("new feedback of the run").isFalse();
        assertServedIsComputed();

        storeMarker();
        cost("j2", 2, "0.5");
        assertThat(markerIsServed()).as("a judge trace's cost changed").isFalse();
        assertThat(new BigDecimal(summary().getString("judge_cost.total_cost"))).isEqualByComparingTo("0.504");

        storeMarker();
        feedback("h1", "t3", "thumbs_up", "true", null, null);
        assertThat(markerIsServed()).as("human feedback (no source run) on a listed trace").isFalse();
        assertThat(summary().getList("scorers.name")).contains("thumbs_up");

        storeMarker();
        sql("UPDATE trace_run_links SET is_judge = true WHERE run_id = $1 AND trace_id = $1 || '-t3'", run);
        assertThat(markerIsServed()).as("a trace left the list").isFalse();
        assertThat(summary().getInt("traces")).isEqualTo(2);
        assertServedIsComputed();

        storeMarker();
        sql("DELETE FROM assessments WHERE assessment_id = $1", run + "-a4");
        assertThat(markerIsServed()).as("feedback deleted").isFalse();
        assertServedIsComputed();

        storeMarker();
        feedback("o1", "t1", "correctness", "\"no\"", "run-somebody-else-" + Ids.newSpanId(), null);
        assertThat(markerIsServed()).as("another run's feedback does not touch this summary").isTrue();
    }

    @Test
    void aRunNothingWasWrittenForIsAnsweredAndNotStored() {
        String unknown = "run-never-written-" + Ids.newSpanId();
        JsonPath summary = given().get("/api/v1/evaluations/" + unknown + "/summary").then().statusCode(200)
                .extract().jsonPath();
        assertThat(summary.getInt("traces")).isZero();
        assertThat(summary.getList("scorers")).isEmpty();
        assertThat(pool.preparedQuery("SELECT count(*) FROM run_summaries WHERE run_id = $1").execute(Tuple.of(unknown))
                .await().atMost(WAIT).iterator().next().getLong(0)).isZero();
    }

    /** Makes sure a summary is stored for the run's current writes, then overwrites it with the marker. */
    private void storeMarker() {
        summary();
        sql("UPDATE run_summaries SET summary = $2 WHERE run_id = $1", run, MARKER);
    }

    private boolean markerIsServed() {
        return new BigDecimal(summary().getString("judge_cost.total_cost")).compareTo(new BigDecimal(999)) == 0;
    }

    private void assertServedIsComputed() {
        Summary computed = evaluations.summary(pool, run).await().atMost(WAIT);
        JsonPath served = summary();
        assertThat(served.getList("scorers.name"))
                .isEqualTo(computed.scorers().stream().map(s -> s.name()).toList());
        assertThat(served.getString("judge_cost.cost_status")).isEqualTo(computed.total().costStatus());
        assertThat(new BigDecimal(served.getString("judge_cost.total_cost")))
                .isEqualByComparingTo(computed.total().totalCost());
        List<Integer> counts = served.getList("scorers.count");
        assertThat(counts.stream().map(Integer::longValue).toList())
                .isEqualTo(computed.scorers().stream().map(s -> s.count()).toList());
    }

    private JsonPath summary() {
        return given().get("/api/v1/evaluations/" + run + "/summary").then().statusCode(200).extract().jsonPath();
    }

    private void trace(int i) {
        sql("INSERT INTO traces (trace_id, experiment_id, request_time_ms, state, root_span_id, first_span_start_ms)"
                + " VALUES ($1, 'exp-summary', $2, 'OK', 'r', $2)", run + "-t" + i, (long) i);
    }

    private void feedback(String id, String trace, String name, String value, String sourceRun, String judgeTrace) {
        sql("INSERT INTO assessments (assessment_id, trace_id, name, assessment_type, value, metadata, create_time_ms,"
                + " last_update_time_ms) VALUES ($1, $2, $3, 'FEEDBACK', $4::jsonb, jsonb_strip_nulls(jsonb_build_object("
                + "'mlflow.assessment.sourceRunId', $5::text, 'mlflow.assessment.scorerTraceId', $6::text)), 0, 0)",
                run + "-" + id, run + "-" + trace, name, value, sourceRun, judgeTrace == null ? null : run + "-" + judgeTrace);
    }

    private void cost(String judgeTrace, long version, String totalCost) {
        sql("INSERT INTO trace_costs (trace_id, version, input_tokens, output_tokens, total_tokens, total_cost,"
                + " cost_status, metadata_patch, judge_patch, span_costs, event) VALUES ($1, $2, 100, 10, 110,"
                + " $3::text::numeric, 'PRICED', '{}', '{}', '{}', '{}') ON CONFLICT (trace_id) DO UPDATE SET"
                + " version = EXCLUDED.version, total_cost = EXCLUDED.total_cost", run + "-" + judgeTrace, version,
                totalCost);
    }

    private void sql(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(WAIT);
    }
}
