package dev.evalplane.trace.repository;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.evalplane.events.http.JudgeCost;
import dev.evalplane.events.http.ScorerSummary;
import dev.evalplane.trace.search.PageToken;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The evaluation list of a run, in SQL: listed links come from one range scan of the partial index
 * trace_run_links_listed (newest first, keyset after the page token), judge cost per row is aggregated over that
 * row's feedback only; the total is the run's counter (RunListCountRepository). A page costs the same whatever the
 * run's size.
 */
@ApplicationScoped
public class EvaluationRepository {

    public record ListedTrace(String traceId, long requestTimeMs, String requestPreview, String responsePreview,
            String state, JudgeCost judgeCost) {
    }

    /**
     * A run's totals as stored in run_summaries; {@code format} tells a stored summary of an older shape, which is
     * computed again instead of served.
     */
    public record Summary(int format, JudgeCost total, List<ScorerSummary> scorers) {

        public static final int FORMAT = 2;
    }

    private static final String PAGE = """
            SELECT p.trace_id, p.request_time_ms, t.request_preview, t.response_preview, t.state, %s
            FROM (SELECT l.trace_id, l.request_time_ms FROM trace_run_links l
                  WHERE l.run_id = $1 AND l.listed %s
                  ORDER BY l.request_time_ms DESC, l.trace_id DESC LIMIT $2) p
            JOIN traces t ON t.trace_id = p.trace_id
            CROSS JOIN LATERAL (SELECT %s FROM assessments_effective a
                  WHERE a.trace_id = p.trace_id AND a.assessment_type = 'FEEDBACK'
                  AND (a.source_run_id IS NULL OR a.source_run_id = $1)) c
            ORDER BY p.request_time_ms DESC, p.trace_id DESC
            """;
    static final String FIRST_PAGE = PAGE.formatted(JudgeCostSql.RESULT, "", JudgeCostSql.AGGREGATES);
    private static final String NEXT_PAGE = PAGE.formatted(JudgeCostSql.RESULT,
            "AND (l.request_time_ms, l.trace_id) < ($3::bigint, $4::text)", JudgeCostSql.AGGREGATES);

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

    /** The models of the run's judge calls that are not (wholly) priced, per assessment name. */
    private static final String UNPRICED_MODELS = """
            SELECT DISTINCT a.name, m.model
            FROM trace_run_links l JOIN assessments_effective a ON a.trace_id = l.trace_id
            JOIN trace_costs tc ON tc.trace_id = a.scorer_trace_id
            CROSS JOIN LATERAL jsonb_array_elements_text(tc.event -> 'unpriced_models') m(model)
            WHERE l.run_id = $1 AND l.listed AND a.assessment_type = 'FEEDBACK'
              AND (a.source_run_id IS NULL OR a.source_run_id = $1)
              AND a.judge_cost_status IN ('UNPRICED', 'PARTIALLY_PRICED')
            ORDER BY m.model
            """;

    public Uni<List<ListedTrace>> page(SqlClient client, String runId, PageToken after, int limit) {
        Tuple args = Tuple.tuple().addValue(runId).addValue((long) limit);
        if (after != null) {
            args.addValue(after.sortValues().get(0)).addValue(after.traceId());
        }
        return client.preparedQuery(after == null ? FIRST_PAGE : NEXT_PAGE).execute(args).map(rows -> {
            List<ListedTrace> page = new ArrayList<>();
            for (Row row : rows) {
                page.add(new ListedTrace(row.getString("trace_id"), row.getLong("request_time_ms"),
                        row.getString("request_preview"), row.getString("response_preview"), row.getString("state"),
                        judgeCost(row)));
            }
            return page;
        });
    }

    public Uni<Summary> summary(SqlClient client, String runId) {
        return client.preparedQuery(SUMMARY).execute(Tuple.of(runId)).chain(rows -> {
            boolean anyUnpriced = false;
            for (Row row : rows) {
                anyUnpriced |= row.getLong("unpriced_calls") > 0;
            }
            Uni<Map<String, List<String>>> models = anyUnpriced ? unpricedModels(client, runId)
                    : Uni.createFrom().item(Map.of());
            return models.map(byName -> summary(rows, byName));
        });
    }

    private static Summary summary(Iterable<Row> rows, Map<String, List<String>> unpricedModels) {
        JudgeCost total = null;
        List<ScorerSummary> scorers = new ArrayList<>();
        for (Row row : rows) {
            JudgeCost cost = judgeCost(row);
            if (row.getBoolean("is_total")) {
                total = cost.withUnpricedModels(unpricedModels.values().stream().flatMap(List::stream).distinct()
                        .sorted().toList());
            } else {
                String name = row.getString("name");
                scorers.add(new ScorerSummary(name, row.getLong("valid_count"), cost.totalCost(), cost.inputTokens(),
                        cost.outputTokens(), cost.costStatus(), decimal(row, "pass_rate"), decimal(row, "mean"),
                        row.getLong("errors"), cost.knownCost(), cost.unpricedCalls(),
                        unpricedModels.getOrDefault(name, List.of())));
            }
        }
        return new Summary(Summary.FORMAT, total, scorers);
    }

    private Uni<Map<String, List<String>>> unpricedModels(SqlClient client, String runId) {
        return client.preparedQuery(UNPRICED_MODELS).execute(Tuple.of(runId)).map(rows -> {
            Map<String, List<String>> byName = new TreeMap<>();
            rows.forEach(row -> byName.computeIfAbsent(row.getString("name"), n -> new ArrayList<>())
                    .add(row.getString("model")));
            return byName;
        });
    }

    static JudgeCost judgeCost(Row row) {
        return new JudgeCost(decimal(row, "total_cost"), row.getLong("input_tokens"), row.getLong("output_tokens"),
                row.getString("cost_status"), decimal(row, "known_cost"), row.getLong("unpriced_calls"), List.of());
    }

    static BigDecimal decimal(Row row, String column) {
        String text = row.getString(column);
        return text == null ? null : new BigDecimal(text);
    }
}
