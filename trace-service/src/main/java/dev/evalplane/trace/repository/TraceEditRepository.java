package dev.evalplane.trace.repository;

import java.util.List;
import java.util.Map;

import dev.evalplane.trace.mapping.JsonCodec;
import dev.evalplane.events.http.TraceInfoWrite;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes to traces that do not come from spans: a client's trace info (MLflow's StartTraceV3), tag edits and
 * deletion. The trace info fills the root fields until the root span is stored (the root span stays authoritative)
 * and merges its tags and metadata like a non-root span's; tag edits apply to both tag maps.
 */
@ApplicationScoped
public class TraceEditRepository {

    private static final String UPSERT_INFO = """
            INSERT INTO traces AS t (trace_id, experiment_id, request_time_ms, execution_duration_ms, state,
                    request_preview, response_preview, client_request_id, span_tags, span_metadata, first_span_start_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10::text::jsonb, $3)
            ON CONFLICT (trace_id) DO UPDATE SET
                experiment_id = CASE WHEN t.root_span_id IS NULL THEN EXCLUDED.experiment_id ELSE t.experiment_id END,
                request_time_ms = CASE WHEN t.root_span_id IS NULL THEN EXCLUDED.request_time_ms
                                       ELSE t.request_time_ms END,
                execution_duration_ms = CASE WHEN t.root_span_id IS NULL THEN EXCLUDED.execution_duration_ms
                                             ELSE t.execution_duration_ms END,
                state = CASE WHEN t.root_span_id IS NULL THEN EXCLUDED.state ELSE t.state END,
                request_preview = CASE WHEN t.root_span_id IS NULL THEN EXCLUDED.request_preview
                                       ELSE t.request_preview END,
                response_preview = CASE WHEN t.root_span_id IS NULL THEN EXCLUDED.response_preview
                                        ELSE t.response_preview END,
                client_request_id = COALESCE(t.client_request_id, EXCLUDED.client_request_id),
                span_tags = t.span_tags || EXCLUDED.span_tags,
                span_metadata = t.span_metadata || EXCLUDED.span_metadata,
                updated_at = now()
            """;
    private static final String EDIT_TAGS = """
            UPDATE traces SET root_tags = (root_tags || $2::text::jsonb) - $3::text[],
                              span_tags = (span_tags || $2::text::jsonb) - $3::text[], updated_at = now()
             WHERE trace_id = $1
            """;
    private static final String SELECT_FOR_DELETE = """
            SELECT trace_id FROM traces WHERE experiment_id = $1 AND request_time_ms <= $2
             ORDER BY request_time_ms, trace_id LIMIT $3
            """;
    private static final List<String> DELETES = List.of(
            "DELETE FROM spans WHERE trace_id = ANY($1)",
            "DELETE FROM assessments WHERE trace_id = ANY($1)",
            "DELETE FROM trace_run_links WHERE trace_id = ANY($1)",
            "DELETE FROM trace_costs WHERE trace_id = ANY($1)");

    private final JsonCodec json;

    public TraceEditRepository(JsonCodec json) {
        this.json = json;
    }

    public Uni<Void> upsertInfo(SqlConnection conn, TraceInfoWrite info) {
        return conn.preparedQuery(UPSERT_INFO).execute(Tuple.tuple()
                .addValue(info.traceId()).addValue(info.experimentId()).addValue(info.requestTimeMs())
                .addValue(info.executionDurationMs()).addValue(info.state()).addValue(info.requestPreview())
                .addValue(info.responsePreview()).addValue(info.clientRequestId())
                .addValue(json.write(info.tags())).addValue(json.write(info.traceMetadata())))
                .replaceWithVoid();
    }

    /** Sets and deletes tags; false when the trace does not exist. */
    public Uni<Boolean> editTags(SqlConnection conn, String traceId, Map<String, String> set, List<String> delete) {
        return conn.preparedQuery(EDIT_TAGS).execute(Tuple.tuple().addValue(traceId).addValue(json.write(set))
                .addArrayOfString(delete.toArray(String[]::new))).map(rows -> rows.rowCount() == 1);
    }

    /** Up to {@code limit} trace ids of an experiment requested at or before {@code maxTimeMs}, oldest first. */
    public Uni<List<String>> oldest(SqlConnection conn, String experimentId, long maxTimeMs, int limit) {
        return conn.preparedQuery(SELECT_FOR_DELETE).execute(Tuple.of(experimentId, maxTimeMs, limit))
                .map(rows -> {
                    List<String> ids = new java.util.ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getString("trace_id"));
                    }
                    return ids;
                });
    }

    /** Deletes traces with their spans, assessments, run links and costs; returns how many traces there were. */
    public Uni<Integer> delete(SqlConnection conn, List<String> traceIds) {
        Tuple ids = Tuple.tuple().addArrayOfString(traceIds.toArray(String[]::new));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String statement : DELETES) {
            chain = chain.chain(() -> conn.preparedQuery(statement).execute(ids).replaceWithVoid());
        }
        return chain.chain(() -> conn.preparedQuery("DELETE FROM traces WHERE trace_id = ANY($1)").execute(ids))
                .map(rows -> rows.rowCount());
    }
}
