package dev.evalplane.trace.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.StorableSpan;
import dev.evalplane.support.sql.AlreadyStored;
import dev.evalplane.support.sql.Columns;
import dev.evalplane.trace.mapping.JsonCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Spans keyed by (trace_id, span_id): a redelivered span overwrites itself, never duplicates. The content columns
 * are bound as the JSON text the reading kept ({@link StorableSpan}), cast to jsonb by PostgreSQL.
 * <p>
 * A batch is written by {@link #insert} first ({@link AlreadyStored}: a plain insert costs PostgreSQL less than an
 * upsert); only a batch holding a span that is stored already (a redelivery, a client's retried export) fails with
 * {@link #alreadyStored}, and the caller writes the whole batch again with {@link #upsert} in a new transaction.
 */
@ApplicationScoped
public class SpanRepository {

    /** The primary key's constraint, named in the unique violation that sends a batch to {@link #upsert}. */
    private static final String PRIMARY_KEY = "spans_pkey";

    /**
     * One statement for the whole batch: the rows travel as one array per column, unnested side by side in the select
     * list (a ProjectSet: {@code FROM unnest(a, b, ...)} would first copy every column into a tuplestore of its own,
     * 2-3 µs a row of PostgreSQL's CPU for these 14 columns).
     */
    private static final String INSERT = """
            INSERT INTO spans (trace_id, span_id, parent_span_id, name, span_type, start_time_ns, end_time_ns,
                               status_code, status_message, attributes, inputs, outputs, events, llm)
            SELECT unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]),
                   unnest($6::int8[]), unnest($7::int8[]), unnest($8::text[]), unnest($9::text[]),
                   unnest($10::text[])::jsonb, unnest($11::text[])::jsonb, unnest($12::text[])::jsonb,
                   unnest($13::text[])::jsonb, unnest($14::text[])::jsonb
            """;

    private static final String UPSERT = INSERT + """
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

    /**
     * Inserts the spans in one statement; of a span sent twice in the batch the later copy wins. Fails with
     * {@link #alreadyStored} when one of them is stored already (the transaction is then aborted).
     */
    public Uni<Void> insert(SqlConnection conn, List<StorableSpan> spans) {
        return conn.preparedQuery(INSERT).execute(rows(spans).tuple()).replaceWithVoid();
    }

    /** Inserts or overwrites the spans in one statement; of a span sent twice in the batch the later copy wins. */
    public Uni<Void> upsert(SqlConnection conn, List<StorableSpan> spans) {
        return conn.preparedQuery(UPSERT).execute(rows(spans).tuple()).replaceWithVoid();
    }

    /** Whether {@link #insert} failed because a span of the batch was stored already. */
    public static boolean alreadyStored(Throwable failure) {
        return AlreadyStored.violates(failure, PRIMARY_KEY);
    }

    private Columns rows(List<StorableSpan> spans) {
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
        return rows;
    }

    private record SpanKey(String traceId, String spanId) {
    }
}
