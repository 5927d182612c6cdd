package dev.evalplane.trace.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.StorableSpan;
import dev.evalplane.support.sql.Columns;
import dev.evalplane.trace.mapping.JsonCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Spans keyed by (trace_id, span_id): a redelivered span overwrites itself, never duplicates. The content columns
 * are bound as the JSON text the reading kept ({@link StorableSpan}), cast to jsonb by PostgreSQL.
 */
@ApplicationScoped
public class SpanRepository {

    /** One statement for the whole batch: the rows travel as one array per column. */
    private static final String UPSERT = """
            INSERT INTO spans (trace_id, span_id, parent_span_id, name, span_type, start_time_ns, end_time_ns,
                               status_code, status_message, attributes, inputs, outputs, events, llm)
            SELECT t, s, p, n, y, st, en, sc, sm, a::jsonb, i::jsonb, o::jsonb, e::jsonb, l::jsonb
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[], $7::int8[],
                        $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
                 AS u(t, s, p, n, y, st, en, sc, sm, a, i, o, e, l)
            ON CONFLICT (trace_id, span_id) DO UPDATE SET
                parent_span_id = EXCLUDED.parent_span_id, name = EXCLUDED.name, span_type = EXCLUDED.span_type,
                start_time_ns = EXCLUDED.start_time_ns, end_time_ns = EXCLUDED.end_time_ns,
                status_code = EXCLUDED.status_code, status_message = EXCLUDED.status_message,
                attributes = EXCLUDED.attributes, inputs = EXCLUDED.inputs, outputs = EXCLUDED.outputs,
                events = EXCLUDED.events, llm = EXCLUDED.llm, received_at = now()
            """;

    private final JsonCodec json;

    public SpanRepository(JsonCodec json) {
        this.json = json;
    }

    /** Upserts the spans in one statement; of a span sent twice in the batch the later copy wins. */
    public Uni<Void> upsert(SqlConnection conn, List<StorableSpan> spans) {
        Map<SpanKey, StorableSpan> unique = new LinkedHashMap<>();
        for (StorableSpan span : spans) {
            SpanKey key = new SpanKey(span.span().traceId(), span.span().spanId());
            unique.remove(key);
            unique.put(key, span);
        }
        Columns rows = new Columns(unique.size(), String.class, String.class, String.class, String.class,
                String.class, Long.class, Long.class, String.class, String.class, String.class, String.class,
                String.class, String.class, String.class);
        for (StorableSpan stored : unique.values()) {
            SpanEvent s = stored.span();
            String statusCode = s.status() == null || s.status().code() == null ? "UNSET" : s.status().code();
            String parent = s.parentSpanId() == null || s.parentSpanId().isEmpty() ? null : s.parentSpanId();
            rows.add(s.traceId(), s.spanId(), parent, s.name() == null ? "" : s.name(), s.spanType(),
                    s.startTimeNs(), s.endTimeNs(), statusCode, s.status() == null ? null : s.status().message(),
                    stored.attributes(), stored.inputs(), stored.outputs(), stored.events(), json.write(s.llm()));
        }
        return conn.preparedQuery(UPSERT).execute(rows.tuple()).replaceWithVoid();
    }

    private record SpanKey(String traceId, String spanId) {
    }
}
