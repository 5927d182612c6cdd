package dev.evalplane.trace.repository;

import java.util.Collection;

import dev.evalplane.support.sql.Columns;
import dev.evalplane.trace.mapping.JsonCodec;
import dev.evalplane.trace.domain.TraceContribution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Upserts trace rows from span contributions, whatever order spans arrive in: root fields are taken when the root
 * is in the contribution (a redelivered root writes the same values), before the root the request time is the
 * earliest span start, and tags/metadata of non-root spans accumulate.
 */
@ApplicationScoped
public class TraceWriteRepository {

    private static final String UPSERT = """
            INSERT INTO traces AS t (trace_id, experiment_id, root_span_id, request_time_ms, execution_duration_ms,
                    state, request_preview, response_preview, client_request_id, root_tags, root_metadata,
                    span_tags, span_metadata, first_span_start_ms)
            SELECT id, ex, rs, rt, du, st, rq, rp, cr, ta::jsonb, me::jsonb, sta::jsonb, sme::jsonb, fs
            FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::int8[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::int8[])
                 AS u(id, ex, rs, rt, du, st, rq, rp, cr, ta, me, sta, sme, fs)
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
            """;

    private final JsonCodec json;

    public TraceWriteRepository(JsonCodec json) {
        this.json = json;
    }

    /** One statement for all contributions (one per trace: the statement must not touch a row twice). */
    public Uni<Void> upsert(SqlConnection conn, Collection<TraceContribution> contributions) {
        Columns rows = new Columns(contributions.size(), String.class, String.class, String.class, Long.class,
                Long.class, String.class, String.class, String.class, String.class, String.class, String.class,
                String.class, String.class, Long.class);
        for (TraceContribution c : contributions) {
            rows.add(c.traceId(), c.experimentId(), c.rootSpanId(), c.requestTimeMs(), c.executionDurationMs(),
                    c.state(), c.requestPreview(), c.responsePreview(), c.clientRequestId(), json.write(c.rootTags()),
                    json.write(c.rootMetadata()), json.write(c.spanTags()), json.write(c.spanMetadata()),
                    c.firstSpanStartMs());
        }
        return conn.preparedQuery(UPSERT).execute(rows.tuple()).replaceWithVoid();
    }
}
