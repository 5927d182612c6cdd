package dev.evalplane.trace.repository;

import java.util.Collection;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Run membership (trace_run_links) and its denormalised columns. Callers hold the trace locks (see Db), then add
 * links and refresh the touched traces in the same transaction.
 */
@ApplicationScoped
public class RunLinkRepository {

    private static final String LINK_FROM_METADATA = """
            INSERT INTO trace_run_links (run_id, trace_id)
            SELECT t.trace_metadata ->> 'mlflow.sourceRun', t.trace_id FROM traces t
            WHERE t.trace_id = ANY($1::text[]) AND COALESCE(t.trace_metadata ->> 'mlflow.sourceRun', '') <> ''
            ON CONFLICT DO NOTHING
            """;

    private static final String LINK = """
            INSERT INTO trace_run_links (run_id, trace_id)
            SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING
            """;

    /** Seed rule: a link qualifies when the trace has an assessment of this run or one without a source run. */
    private static final String REFRESH = """
            UPDATE trace_run_links l SET
                request_time_ms = t.request_time_ms,
                is_judge = t.is_judge,
                qualifies = EXISTS (SELECT 1 FROM assessments a WHERE a.trace_id = l.trace_id
                                    AND (a.source_run_id IS NULL OR a.source_run_id = l.run_id))
            FROM traces t
            WHERE t.trace_id = l.trace_id AND l.trace_id = ANY($1::text[])
            """;

    public Uni<Void> linkFromMetadata(SqlConnection conn, Collection<String> traceIds) {
        return conn.preparedQuery(LINK_FROM_METADATA).execute(Tuple.tuple().addArrayOfString(array(traceIds)))
                .replaceWithVoid();
    }

    /** Links (run_id, trace_id) pairs given as two parallel lists. */
    public Uni<Void> link(SqlConnection conn, List<String> runIds, List<String> traceIds) {
        if (runIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(LINK)
                .execute(Tuple.tuple().addArrayOfString(array(runIds)).addArrayOfString(array(traceIds)))
                .replaceWithVoid();
    }

    public Uni<Void> refresh(SqlConnection conn, Collection<String> traceIds) {
        return conn.preparedQuery(REFRESH).execute(Tuple.tuple().addArrayOfString(array(traceIds))).replaceWithVoid();
    }

    static String[] array(Collection<String> values) {
        return values.toArray(String[]::new);
    }
}
