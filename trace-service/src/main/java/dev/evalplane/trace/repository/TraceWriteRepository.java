package dev.evalplane.trace.repository;

import static dev.evalplane.support.sql.Columns.Type.INT8;
import static dev.evalplane.support.sql.Columns.Type.TEXT;

import java.util.Collection;
import java.util.List;

import dev.evalplane.support.sql.Columns;
import dev.evalplane.trace.mapping.JsonCodec;
import dev.evalplane.trace.domain.TraceContribution;
import dev.evalplane.trace.domain.WrittenTraces;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Upserts trace rows from span contributions, whatever order spans arrive in: root fields are taken when the root
 * is in the contribution (a redelivered root writes the same values), before the root the request time is the
 * earliest span start, and tags/metadata of non-root spans accumulate.
 */
@ApplicationScoped
public class TraceWriteRepository {

    /**
     * The rows travel as one array per column, unnested side by side in the select list (as {@link SpanRepository}).
     * The statement answers one row: the runs the written traces' metadata names and whether any of them had a run
     * link, so that a batch whose traces have no links and name no run (an ingestion stream's) needs no link statement
     * after it (RunLinkRepository; about 1 µs of PostgreSQL's CPU per span, bench/RESULTS.md).
     */
    private static final String UPSERT = """
            WITH written AS (
                INSERT INTO traces AS t (trace_id, experiment_id, root_span_id, request_time_ms, execution_duration_ms,
                    state, request_preview, response_preview, client_request_id, root_tags, root_metadata,
                    span_tags, span_metadata, first_span_start_ms)
            SELECT unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), unnest($4::int8[]), unnest($5::int8[]),
                   unnest($6::text[]), unnest($7::text[]), unnest($8::text[]), unnest($9::text[]),
                   unnest($10::text[])::jsonb, unnest($11::text[])::jsonb, unnest($12::text[])::jsonb,
                   unnest($13::text[])::jsonb, unnest($14::int8[])
            ON CONFLICT (trace_id) DO UPDATE SET
                experiment_id = CASE WHEN EXCLUDED.root_span_id IS NOT NULL THEN EXCLUDED.experiment_id
                                     ELSE t.experiment_id END,
                request_time_ms = CASE WHEN EXCLUDED.root_span_id IS NOT NULL THEN EXCLUDED.request_time_ms
                                       WHEN t.root_span_id IS NOT NULL THEN t.request_time_ms
                                       ELSE LEAST(t.request_time_ms, EXCLUDED.request_time_ms) END,
                execution_duration_ms = CASE WHEN EXCLUDED.root_span_id IS NOT NULL
                                             THEN EXCLUDED.execution_duration_ms ELSE t.execution_duration_ms END,
                state = CASE WHEN EXCLUDED.root_span_id IS NOT NULL THEN EXCLUDED.state ELSE t.state END,
                request_preview = CASE WHEN EXCLUDED.root_span_id IS NOT NULL THEN EXCLUDED.request_preview
                                       ELSE t.request_preview END,
                response_preview = CASE WHEN EXCLUDED.root_span_id IS NOT NULL THEN EXCLUDED.response_preview
                                        ELSE t.response_preview END,
                client_request_id = CASE WHEN EXCLUDED.root_span_id IS NOT NULL THEN EXCLUDED.client_request_id
                                         ELSE t.client_request_id END,
                root_tags = CASE WHEN EXCLUDED.root_span_id IS NOT NULL THEN EXCLUDED.root_tags ELSE t.root_tags END,
                root_metadata = CASE WHEN EXCLUDED.root_span_id IS NOT NULL THEN EXCLUDED.root_metadata
                                     ELSE t.root_metadata END,
                root_span_id = COALESCE(EXCLUDED.root_span_id, t.root_span_id),
                span_tags = t.span_tags || EXCLUDED.span_tags,
                span_metadata = t.span_metadata || EXCLUDED.span_metadata,
                first_span_start_ms = LEAST(t.first_span_start_ms, EXCLUDED.first_span_start_ms),
                updated_at = now()
            RETURNING NULLIF(t.trace_metadata ->> 'mlflow.sourceRun', '') AS run,
                      EXISTS (SELECT 1 FROM trace_run_links l WHERE l.trace_id = t.trace_id) AS linked)
            SELECT array_agg(DISTINCT run) FILTER (WHERE run IS NOT NULL) AS runs,
                   COALESCE(bool_or(linked), false) AS linked
            FROM written
            """;

    private final JsonCodec json;

    public TraceWriteRepository(JsonCodec json) {
        this.json = json;
    }

    /** One statement for all contributions (one per trace: the statement must not touch a row twice). */
    public Uni<WrittenTraces> upsert(SqlConnection conn, Collection<TraceContribution> contributions) {
        Columns rows = new Columns(contributions.size(), TEXT, TEXT, TEXT, INT8, INT8, TEXT, TEXT, TEXT, TEXT, TEXT,
                TEXT, TEXT, TEXT, INT8);
        for (TraceContribution c : contributions) {
            rows.row().text(c.traceId()).text(c.experimentId()).text(c.rootSpanId()).int8(c.requestTimeMs())
                    .int8(c.executionDurationMs()).text(c.state()).text(c.requestPreview()).text(c.responsePreview())
                    .text(c.clientRequestId()).text(json.write(c.rootTags())).text(json.write(c.rootMetadata()))
                    .text(json.write(c.spanTags())).text(json.write(c.spanMetadata())).int8(c.firstSpanStartMs());
        }
        return conn.preparedQuery(UPSERT).execute(rows.tuple()).map(result -> {
            Row row = result.iterator().next();
            String[] runs = row.getArrayOfStrings("runs");
            return new WrittenTraces(runs == null ? List.of() : List.of(runs), row.getBoolean("linked"));
        });
    }
}
