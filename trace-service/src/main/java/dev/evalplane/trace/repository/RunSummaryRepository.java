package dev.evalplane.trace.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.evalplane.events.http.JudgeCost;
import dev.evalplane.events.http.ScorerSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Run summaries kept incrementally (V6__run_summary_totals.sql): writes leave marks, {@link #fold} adds what they
 * changed to each run's sums per feedback name, and {@link #read} answers a summary from those few rows, whatever the
 * run's size.
 */
@ApplicationScoped
public class RunSummaryRepository {

    /** A run's totals: over all its feedback, and per feedback name. */
    public record Summary(JudgeCost total, List<ScorerSummary> scorers) {
    }

    private static final String READ = """
            SELECT c.name, c.is_total, c.valid_count, (c.pass_sum / c.pass_n)::text AS pass_rate,
                   (c.num_sum / c.num_n)::text AS mean, c.errors, %s
            FROM (SELECT s.name, GROUPING(s.name) = 1 AS is_total,
                         COALESCE(sum(s.valid_count), 0)::bigint AS valid_count,
                         sum(s.pass_sum) AS pass_sum, NULLIF(sum(s.pass_n), 0) AS pass_n,
                         sum(s.num_sum) AS num_sum, NULLIF(sum(s.num_n), 0) AS num_n,
                         COALESCE(sum(s.errors), 0)::bigint AS errors, COALESCE(sum(s.costed), 0)::bigint AS costed,
                         COALESCE(sum(s.priced), 0)::bigint AS priced,
                         COALESCE(sum(s.unpriced), 0)::bigint AS unpriced,
                         CASE WHEN sum(s.cost_n) > 0 THEN sum(s.cost_sum) END AS cost_sum,
                         COALESCE(sum(s.input_tokens), 0)::bigint AS input_tokens,
                         COALESCE(sum(s.output_tokens), 0)::bigint AS output_tokens
                  FROM run_summary_scorers s WHERE s.run_id = $1 AND s.feedback > 0
                  GROUP BY GROUPING SETS ((s.name), ())) c
            ORDER BY c.is_total DESC, c.name
            """.formatted(JudgeCostSql.RESULT);

    private static final String UNPRICED_MODELS =
            "SELECT name, model FROM run_summary_models WHERE run_id = $1 AND calls > 0 ORDER BY model";

    /**
     * Folds the marks committed so far into the sums; {@code wait}: behind a fold that is running (else give up at
     * once). The number of marks folded, -1 when it gave up.
     */
    public Uni<Long> fold(SqlClient client, boolean wait) {
        return client.preparedQuery("SELECT fold_run_summary_marks($1)").execute(Tuple.of(wait))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Summary> read(SqlClient client, String runId) {
        return client.preparedQuery(READ).execute(Tuple.of(runId)).chain(rows -> {
            boolean anyUnpriced = false;
            for (Row row : rows) {
                anyUnpriced |= row.getLong("unpriced_calls") > 0;
            }
            Uni<Map<String, List<String>>> models = anyUnpriced ? unpricedModels(client, runId)
                    : Uni.createFrom().item(Map.of());
            return models.map(byName -> summary(rows, byName));
        });
    }

    /** A summary from rows of READ's shape and the unpriced models per feedback name. */
    static Summary summary(Iterable<Row> rows, Map<String, List<String>> unpricedModels) {
        JudgeCost total = null;
        List<ScorerSummary> scorers = new ArrayList<>();
        for (Row row : rows) {
            JudgeCost cost = EvaluationRepository.judgeCost(row);
            if (row.getBoolean("is_total")) {
                total = cost.withUnpricedModels(unpricedModels.values().stream().flatMap(List::stream).distinct()
                        .sorted().toList());
            } else {
                String name = row.getString("name");
                scorers.add(new ScorerSummary(name, row.getLong("valid_count"), cost.totalCost(), cost.inputTokens(),
                        cost.outputTokens(), cost.costStatus(), EvaluationRepository.decimal(row, "pass_rate"),
                        EvaluationRepository.decimal(row, "mean"), row.getLong("errors"), cost.knownCost(),
                        cost.unpricedCalls(), unpricedModels.getOrDefault(name, List.of())));
            }
        }
        return new Summary(total, scorers);
    }

    private Uni<Map<String, List<String>>> unpricedModels(SqlClient client, String runId) {
        return client.preparedQuery(UNPRICED_MODELS).execute(Tuple.of(runId)).map(rows -> {
            Map<String, List<String>> byName = new TreeMap<>();
            rows.forEach(row -> byName.computeIfAbsent(row.getString("name"), n -> new ArrayList<>())
                    .add(row.getString("model")));
            return byName;
        });
    }
}
