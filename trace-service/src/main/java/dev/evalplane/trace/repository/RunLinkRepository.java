package dev.evalplane.trace.repository;

import java.util.Collection;
import java.util.List;

import dev.evalplane.trace.domain.WrittenTraces;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Run membership (trace_run_links) and its denormalised columns. Callers hold the trace locks (see Db), then add
 * links and refresh the touched traces in the same transaction.
 * <p>
 * Run ownership: a link made through a client door (the trace's metadata {@code mlflow.sourceRun}, whoever wrote it:
 * OTLP, trace info, a span record without scorer-service's mark; MLflow's link-to-run) counts only while its run is
 * not the pipeline's ({@code pipeline_run}, see {@link PipelineRunRepository}); a link the pipeline made (its
 * assessments, its marked spans) always counts. The rule is in the table ({@code member}, {@code listed}, V5), so
 * a door added later cannot bypass it: whatever writes {@code from_metadata} or {@code from_client_link} is a client.
 */
@ApplicationScoped
public class RunLinkRepository {

    /** The run locks (shared) of the runs the traces' metadata names, before any link row is written. */
    private static final String LOCK_METADATA_RUNS = "SELECT pg_advisory_xact_lock_shared(" + Db.RUN_LOCK_NAMESPACE
            + ", k) FROM (SELECT DISTINCT hashtext(t.trace_metadata ->> 'mlflow.sourceRun') AS k FROM traces t"
            + " WHERE t.trace_id = ANY($1::text[]) AND COALESCE(t.trace_metadata ->> 'mlflow.sourceRun', '') <> ''"
            + " ORDER BY k) s";

    /** The same locks (shared, ascending key order) of runs named by id. */
    private static final String LOCK_RUNS = "SELECT pg_advisory_xact_lock_shared(" + Db.RUN_LOCK_NAMESPACE
            + ", k) FROM (SELECT DISTINCT hashtext(r) AS k FROM unnest($1::text[]) AS r ORDER BY k) s";

    private static final String LOCK_RUN = "SELECT pg_advisory_xact_lock_shared(" + Db.RUN_LOCK_NAMESPACE
            + ", hashtext($1::text))";

    private static final String LINK_FROM_METADATA = """
            INSERT INTO trace_run_links (run_id, trace_id, from_metadata, pipeline_run)
            SELECT t.trace_metadata ->> 'mlflow.sourceRun', t.trace_id, true,
                   EXISTS (SELECT 1 FROM pipeline_runs p WHERE p.run_id = t.trace_metadata ->> 'mlflow.sourceRun')
            FROM traces t
            WHERE t.trace_id = ANY($1::text[]) AND COALESCE(t.trace_metadata ->> 'mlflow.sourceRun', '') <> ''
            ON CONFLICT (run_id, trace_id) DO UPDATE SET from_metadata = true WHERE NOT trace_run_links.from_metadata
            """;

    /** Spans the pipeline produced (scorer-service's mark) put their trace in the run they name, for good. */
    private static final String LINK_FROM_PIPELINE = """
            INSERT INTO trace_run_links (run_id, trace_id, from_pipeline, pipeline_run)
            SELECT DISTINCT r, t, true, true FROM unnest($1::text[], $2::text[]) AS u(r, t)
            ON CONFLICT (run_id, trace_id) DO UPDATE SET from_pipeline = true, pipeline_run = true
            WHERE NOT trace_run_links.from_pipeline OR NOT trace_run_links.pipeline_run
            """;

    /** A run the metadata no longer names (the root overrode a child's value) keeps only its other reasons. */
    private static final String STALE_METADATA = """
            WITH stale AS (
                SELECT l.run_id, l.trace_id, l.from_assessment OR l.from_client_link OR l.from_pipeline AS kept
                FROM trace_run_links l JOIN traces t USING (trace_id)
                WHERE l.trace_id = ANY($1::text[]) AND l.from_metadata
                  AND l.run_id IS DISTINCT FROM NULLIF(t.trace_metadata ->> 'mlflow.sourceRun', '')),
            unlinked AS (
                DELETE FROM trace_run_links l USING stale s
                WHERE l.run_id = s.run_id AND l.trace_id = s.trace_id AND NOT s.kept)
            UPDATE trace_run_links l SET from_metadata = false FROM stale s
            WHERE l.run_id = s.run_id AND l.trace_id = s.trace_id AND s.kept
            """;

    private static final String LINK_FROM_ASSESSMENTS = """
            INSERT INTO trace_run_links (run_id, trace_id, from_assessment, pipeline_run)
            SELECT DISTINCT r, t, true, true FROM unnest($1::text[], $2::text[]) AS u(r, t)
            ON CONFLICT (run_id, trace_id) DO UPDATE SET from_assessment = true, pipeline_run = true
            WHERE NOT trace_run_links.from_assessment OR NOT trace_run_links.pipeline_run
            """;

    private static final String LINK_FROM_CLIENT = """
            INSERT INTO trace_run_links (run_id, trace_id, from_client_link, pipeline_run)
            SELECT $1, t, true, EXISTS (SELECT 1 FROM pipeline_runs p WHERE p.run_id = $1) FROM unnest($2::text[]) AS t
            ON CONFLICT (run_id, trace_id) DO UPDATE SET from_client_link = true
            WHERE NOT trace_run_links.from_client_link
            """;

    /** Seed rule: a link qualifies when the trace has an assessment of this run or one without a source run. */
    private static final String REFRESH = """
            UPDATE trace_run_links l SET
                request_time_ms = t.request_time_ms,
                pipeline_run = l.pipeline_run OR EXISTS (SELECT 1 FROM pipeline_runs p WHERE p.run_id = l.run_id),
                is_judge = t.is_judge,
                qualifies = EXISTS (SELECT 1 FROM assessments a WHERE a.trace_id = l.trace_id
                                    AND (a.source_run_id IS NULL OR a.source_run_id = l.run_id))
            FROM traces t
            WHERE t.trace_id = l.trace_id AND l.trace_id = ANY($1::text[])
            """;

    /**
     * Links each trace to the run its metadata names, and drops links of runs it no longer names. When no trace names a
     * run (the run locks' statement locked none) there is nothing to link: the caller's trace locks keep the traces'
     * metadata as that statement read it, so the link statement is skipped; the stale links are always looked for.
     */
    public Uni<Void> linkFromMetadata(SqlConnection conn, Collection<String> traceIds) {
        Tuple ids = Tuple.tuple().addArrayOfString(array(traceIds));
        return conn.preparedQuery(LOCK_METADATA_RUNS).execute(ids)
                .chain(runs -> runs.size() == 0 ? Uni.createFrom().voidItem()
                        : conn.preparedQuery(LINK_FROM_METADATA).execute(ids).replaceWithVoid())
                .chain(() -> conn.preparedQuery(STALE_METADATA).execute(ids)).replaceWithVoid();
    }

    /**
     * {@link #linkFromMetadata(SqlConnection, Collection)} for traces whose rows this transaction has just written,
     * from what the write found ({@link WrittenTraces}; the caller's trace locks keep it true): the runs named are
     * locked by id and linked; stale links are looked for only when the traces had links. A batch whose traces name no
     * run and had no link (an ingestion stream's) runs no statement here.
     */
    public Uni<Void> linkFromMetadata(SqlConnection conn, Collection<String> traceIds, WrittenTraces written) {
        Tuple ids = Tuple.tuple().addArrayOfString(array(traceIds));
        Uni<Void> linked = written.namedRuns().isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery(LOCK_RUNS).execute(Tuple.tuple().addArrayOfString(array(written.namedRuns())))
                        .chain(() -> conn.preparedQuery(LINK_FROM_METADATA).execute(ids)).replaceWithVoid();
        return written.linked() ? linked.chain(() -> conn.preparedQuery(STALE_METADATA).execute(ids)).replaceWithVoid()
                : linked;
    }

    /**
     * Links (run_id, trace_id) pairs, given as two parallel lists, because a span the pipeline produced (scorer-service's
     * mark) names the run; the caller registered the runs first ({@link PipelineRunRepository}).
     */
    public Uni<Void> linkFromPipeline(SqlConnection conn, List<String> runIds, List<String> traceIds) {
        if (runIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(LINK_FROM_PIPELINE)
                .execute(Tuple.tuple().addArrayOfString(array(runIds)).addArrayOfString(array(traceIds)))
                .replaceWithVoid();
    }

    /**
     * Links (run_id, trace_id) pairs, given as two parallel lists, because the run assessed the trace (the assessments
     * topic: the pipeline's); the caller registered the runs first ({@link PipelineRunRepository}).
     */
    public Uni<Void> linkFromAssessments(SqlConnection conn, List<String> runIds, List<String> traceIds) {
        if (runIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(LINK_FROM_ASSESSMENTS)
                .execute(Tuple.tuple().addArrayOfString(array(runIds)).addArrayOfString(array(traceIds)))
                .replaceWithVoid();
    }

    /** Links traces to a run because the client that created the run asked to (MLflow's link-to-run). */
    public Uni<Void> linkFromClient(SqlConnection conn, String runId, Collection<String> traceIds) {
        return conn.preparedQuery(LOCK_RUN).execute(Tuple.of(runId))
                .chain(() -> conn.preparedQuery(LINK_FROM_CLIENT)
                        .execute(Tuple.tuple().addValue(runId).addArrayOfString(array(traceIds))))
                .replaceWithVoid();
    }

    public Uni<Void> refresh(SqlConnection conn, Collection<String> traceIds) {
        return conn.preparedQuery(REFRESH).execute(Tuple.tuple().addArrayOfString(array(traceIds))).replaceWithVoid();
    }

    static String[] array(Collection<String> values) {
        return values.toArray(String[]::new);
    }
}
