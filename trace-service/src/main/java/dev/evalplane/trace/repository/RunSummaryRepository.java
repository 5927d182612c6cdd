package dev.evalplane.trace.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * run_summaries: the last summary computed per run (JSON) and the run's writes counter at that moment. It is still
 * exact while the counter has not moved (every write to what a summary reads moves it, in the writing transaction).
 */
@ApplicationScoped
public class RunSummaryRepository {

    public record Stored(long writes, String json) {
    }

    /** Keeps the summary of the most writes: a slower computation of an older state never replaces a newer one. */
    private static final String STORE = """
            INSERT INTO run_summaries (run_id, writes, summary) VALUES ($1, $2, $3)
            ON CONFLICT (run_id) DO UPDATE SET writes = EXCLUDED.writes, summary = EXCLUDED.summary
            WHERE run_summaries.writes < EXCLUDED.writes
            """;

    public Uni<Stored> find(SqlClient client, String runId) {
        return client.preparedQuery("SELECT writes, summary FROM run_summaries WHERE run_id = $1")
                .execute(Tuple.of(runId)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Stored(row.getLong("writes"), row.getString("summary"));
                });
    }

    public Uni<Void> store(SqlClient client, String runId, long writes, String json) {
        return client.preparedQuery(STORE).execute(Tuple.of(runId, writes, json)).replaceWithVoid();
    }
}
