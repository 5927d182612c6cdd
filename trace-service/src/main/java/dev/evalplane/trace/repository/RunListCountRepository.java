package dev.evalplane.trace.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The listed-traces counter of each run, kept in run_list_counts by triggers (V2__run_counters.sql): the sum of its
 * delta rows; {@link #compact} folds the rows of recently written runs into one.
 */
@ApplicationScoped
public class RunListCountRepository {

    /** A run's counters read in one statement: listed traces. */
    public record Counters(long listed) {
    }

    /** What compaction did: the runs it folded and the highest row id it saw, where its next pass starts. */
    public record Compaction(long runs, long watermark) {
    }

    private static final String COUNTERS =
            "SELECT COALESCE(sum(delta), 0)::bigint AS listed FROM run_list_counts WHERE run_id = $1";

    /**
     * Folds every run with a row above the watermark into one row (the sum of its deltas). Safe beside writers (they
     * only insert; rows this statement did not see stay) and beside another replica's compaction (rows it deleted
     * first are skipped here), so the sum of each run never changes.
     */
    private static final String COMPACT = """
            WITH recent AS (SELECT DISTINCT run_id FROM run_list_counts WHERE id > $1),
            folded AS (DELETE FROM run_list_counts c USING recent r WHERE c.run_id = r.run_id
                       RETURNING c.run_id, c.id, c.delta),
            kept AS (INSERT INTO run_list_counts (run_id, delta)
                     SELECT run_id, sum(delta) FROM folded GROUP BY run_id
                     RETURNING id)
            SELECT (SELECT count(DISTINCT run_id) FROM folded) AS runs,
                   GREATEST($1, (SELECT max(id) FROM folded), (SELECT max(id) FROM kept)) AS watermark
            """;

    public Uni<Counters> counters(SqlClient client, String runId) {
        return client.preparedQuery(COUNTERS).execute(Tuple.of(runId)).map(rows -> {
            Row row = rows.iterator().next();
            return new Counters(row.getLong("listed"));
        });
    }

    public Uni<Compaction> compact(SqlClient client, long watermark) {
        return client.preparedQuery(COMPACT).execute(Tuple.of(watermark)).map(rows -> {
            Row row = rows.iterator().next();
            return new Compaction(row.getLong("runs"), row.getLong("watermark"));
        });
    }
}
