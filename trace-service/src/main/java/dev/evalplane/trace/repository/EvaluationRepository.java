package dev.evalplane.trace.repository;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.evalplane.events.http.JudgeCost;
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
 * run's size. The run's summary is RunSummaryRepository's.
 */
@ApplicationScoped
public class EvaluationRepository {

    public record ListedTrace(String traceId, long requestTimeMs, String requestPreview, String responsePreview,
            String state, JudgeCost judgeCost) {
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

    static JudgeCost judgeCost(Row row) {
        return new JudgeCost(decimal(row, "total_cost"), row.getLong("input_tokens"), row.getLong("output_tokens"),
                row.getString("cost_status"), decimal(row, "known_cost"), row.getLong("unpriced_calls"), List.of());
    }

    static BigDecimal decimal(Row row, String column) {
        String text = row.getString(column);
        return text == null ? null : new BigDecimal(text);
    }
}
