package dev.evalplane.trace.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.ExactJson;
import io.quarkus.logging.Log;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * A run of 20 000 listed traces (written straight into the tables: Kafka would only slow the setup) next to 5 000
 * unlisted members: a page is one range scan of the partial index, totals are exact, pages do not repeat rows.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class EvaluationScaleTests {

    private static final String RUN = "run-scale";
    private static final int LISTED = 20_000;

    @Inject
    Pool pool;

    @Test
    void pageOfAHugeRunIsAnIndexRangeScanWithExactTotals() {
        ExactJson.enable();
        seed();
        String plan = explain(EvaluationRepository.FIRST_PAGE, Tuple.of(RUN, 51L));
        assertThat(plan).contains("trace_run_links_listed").doesNotContain("Seq Scan on trace_run_links");

        JsonPath first = page(null);
        assertThat(first.getInt("total")).isEqualTo(LISTED);
        // the total reads the run's counter rows, one per writing statement until the compactor folds them (here the
        // feedback insert and the links insert), not its links
        assertThat(number("SELECT count(*) FROM run_list_counts WHERE run_id = '" + RUN + "'")).isBetween(1L, 2L);
        assertThat(first.getList("traces")).hasSize(50);
        Set<String> seen = new HashSet<>(first.getList("traces.trace_id"));
        JsonPath second = page(first.getString("next_page_token"));
        assertThat(second.getList("traces")).hasSize(50);
        seen.addAll(second.getList("traces.trace_id"));
        assertThat(seen).hasSize(100);
        assertThat(new BigDecimal(first.getString("traces[0].judge_cost.total_cost"))).isEqualByComparingTo("0.001");

        JsonPath summary = given().get("/api/v1/evaluations/" + RUN + "/summary").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getInt("traces")).isEqualTo(LISTED);
        assertThat(new BigDecimal(summary.getString("judge_cost.total_cost"))).isEqualByComparingTo("20.000");

        Log.infof("evaluation page latency: run of %d rows %d ms (median of 9)", LISTED, medianPageMillis(RUN));
        Log.infof("evaluation page latency: run of 12 rows %d ms (median of 9)", medianPageMillis("run-tiny"));
    }

    private void seed() {
        run("""
                INSERT INTO traces (trace_id, experiment_id, request_time_ms, state, root_span_id, root_metadata,
                                    first_span_start_ms, request_preview)
                SELECT 'tr-5ca1e' || lpad(to_hex(g), 27, '0'), 'exp-scale', 1700000000000 + g, 'OK', 'r',
                       jsonb_build_object('mlflow.sourceRun', CASE WHEN g <= 25012 THEN 'run-scale' ELSE 'run-tiny' END),
                       1700000000000 + g, 'row ' || g
                FROM generate_series(1, 25024) g""");
        run("""
                INSERT INTO assessments (assessment_id, trace_id, name, assessment_type, value, metadata,
                                         meta_judge_cost, meta_judge_cost_status, create_time_ms, last_update_time_ms)
                SELECT 'a-5ca1e' || g, 'tr-5ca1e' || lpad(to_hex(g), 27, '0'), 'correctness', 'FEEDBACK', '"yes"',
                       jsonb_build_object('mlflow.assessment.sourceRunId',
                                          CASE WHEN g <= 25012 THEN 'run-scale' ELSE 'run-tiny' END),
                       0.001, 'PRICED', 0, 0
                FROM generate_series(1, 25024) g WHERE g <= 20000 OR g > 25012""");
        run("""
                INSERT INTO trace_run_links (run_id, trace_id, request_time_ms, qualifies, from_metadata)
                SELECT t.trace_metadata ->> 'mlflow.sourceRun', t.trace_id, t.request_time_ms,
                       EXISTS (SELECT 1 FROM assessments a WHERE a.trace_id = t.trace_id), true
                FROM traces t WHERE t.experiment_id = 'exp-scale'""");
        run("ANALYZE traces");
        run("ANALYZE trace_run_links");
        run("ANALYZE assessments");
    }

    private long medianPageMillis(String runId) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            long start = System.nanoTime();
            given().get("/api/v1/evaluations/" + runId + "/traces?page_size=50").then().statusCode(200);
            times.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
        times.sort(Long::compare);
        return times.get(4);
    }

    private static JsonPath page(String token) {
        var request = given().queryParam("page_size", 50);
        if (token != null) {
            request.queryParam("page_token", token);
        }
        return request.get("/api/v1/evaluations/" + RUN + "/traces").then().statusCode(200).extract().jsonPath();
    }

    private void run(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(60));
    }

    private long number(String sql) {
        return pool.query(sql).execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private String explain(String sql, Tuple params) {
        StringBuilder plan = new StringBuilder();
        for (Row row : pool.preparedQuery("EXPLAIN " + sql).execute(params).await().atMost(Duration.ofSeconds(10))) {
            plan.append(row.getString(0)).append('\n');
        }
        return plan.toString();
    }
}
