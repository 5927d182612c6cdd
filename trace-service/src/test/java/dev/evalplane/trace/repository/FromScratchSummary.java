package dev.evalplane.trace.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.evalplane.trace.repository.RunSummaryRepository.Summary;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A run's summary aggregated over the whole run, from the base tables and without the kept sums (the query trace-service
 * answered every summary with before V6): the oracle the incrementally kept summary is compared with.
 */
final class FromScratchSummary {

    private static final String SUMMARY = """
            SELECT c.name, c.is_total, c.valid_count, c.pass_rate::text AS pass_rate, c.mean::text AS mean, c.errors, %s
            FROM (SELECT a.name, GROUPING(a.name) = 1 AS is_total, count(*) FILTER (WHERE a.valid) AS valid_count,
                         avg(CASE lower(a.value #>> '{}') WHEN 'yes' THEN 1 WHEN 'true' THEN 1
                                  WHEN 'no' THEN 0 WHEN 'false' THEN 0 END)
                             FILTER (WHERE a.valid AND a.error IS NULL) AS pass_rate,
                         avg(CASE WHEN jsonb_typeof(a.value) = 'number' THEN (a.value::text)::numeric END)
                             FILTER (WHERE a.valid AND a.error IS NULL) AS mean,
                         count(*) FILTER (WHERE a.valid AND a.error IS NOT NULL) AS errors,
                         %s
                  FROM trace_run_links l JOIN assessments_effective a ON a.trace_id = l.trace_id
                  WHERE l.run_id = $1 AND l.listed AND a.assessment_type = 'FEEDBACK'
                    AND (a.source_run_id IS NULL OR a.source_run_id = $1)
                  GROUP BY GROUPING SETS ((a.name), ())) c
            ORDER BY c.is_total DESC, c.name
            """.formatted(JudgeCostSql.RESULT, JudgeCostSql.AGGREGATES);

    private static final String UNPRICED_MODELS = """
            SELECT DISTINCT a.name, m.model
            FROM trace_run_links l JOIN assessments_effective a ON a.trace_id = l.trace_id
            JOIN trace_costs tc ON tc.trace_id = a.scorer_trace_id
            CROSS JOIN LATERAL unnest(COALESCE(tc.unpriced_models,
                ARRAY(SELECT jsonb_array_elements_text(tc.event -> 'unpriced_models')))) m(model)
            WHERE l.run_id = $1 AND l.listed AND a.assessment_type = 'FEEDBACK'
              AND (a.source_run_id IS NULL OR a.source_run_id = $1)
              AND a.judge_cost_status IN ('UNPRICED', 'PARTIALLY_PRICED')
            ORDER BY m.model
            """;

    static Summary of(Pool pool, String runId) {
        Duration wait = Duration.ofSeconds(30);
        RowSet<Row> rows = pool.preparedQuery(SUMMARY).execute(Tuple.of(runId)).await().atMost(wait);
        Map<String, List<String>> models = new TreeMap<>();
        pool.preparedQuery(UNPRICED_MODELS).execute(Tuple.of(runId)).await().atMost(wait)
                .forEach(row -> models.computeIfAbsent(row.getString("name"), n -> new ArrayList<>())
                        .add(row.getString("model")));
        return RunSummaryRepository.summary(rows, models);
    }

    private FromScratchSummary() {
    }
}
