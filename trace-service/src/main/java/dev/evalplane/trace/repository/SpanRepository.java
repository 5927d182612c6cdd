package dev.evalplane.trace.repository;

import static dev.evalplane.support.sql.Columns.Type.INT8;
import static dev.evalplane.support.sql.Columns.Type.TEXT;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.StorableSpan;
import dev.evalplane.support.sql.AlreadyStored;
import dev.evalplane.support.sql.Columns;
import dev.evalplane.trace.mapping.JsonCodec;
import dev.evalplane.trace.mapping.LlmCallText;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Spans keyed by (trace_id, span_id): a redelivered span overwrites itself, never duplicates. The content columns
 * are bound as the JSON text the reading kept ({@link StorableSpan}) and stored as json: validated and kept as that
 * text, not parsed into jsonb (nothing looks inside them; V12, about 4.5 µs of PostgreSQL's CPU a span less).
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
                   unnest($10::text[])::json, unnest($11::text[])::json, unnest($12::text[])::json,
                   unnest($13::text[])::json, unnest($14::text[])::json
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
        return conn.preparedQuery(INSERT).execute(rows(spans)).replaceWithVoid();
    }

    /** Inserts or overwrites the spans in one statement; of a span sent twice in the batch the later copy wins. */
    public Uni<Void> upsert(SqlConnection conn, List<StorableSpan> spans) {
        return conn.preparedQuery(UPSERT).execute(rows(spans)).replaceWithVoid();
    }

    /** Whether {@link #insert} failed because a span of the batch was stored already. */
    public static boolean alreadyStored(Throwable failure) {
        return AlreadyStored.violates(failure, PRIMARY_KEY);
    }

    /** The batch's columns, one array each ({@link Columns}). */
    private Tuple rows(List<StorableSpan> spans) {
        Collection<StorableSpan> unique = unique(spans);
        Columns rows = new Columns(unique.size(), TEXT, TEXT, TEXT, TEXT, TEXT, INT8, INT8, TEXT, TEXT, TEXT, TEXT,
                TEXT, TEXT, TEXT);
        JsonFactory factory = json.mapper().getFactory();
        for (StorableSpan stored : unique) {
            SpanEvent s = stored.span();
            rows.row().text(s.traceId()).text(s.spanId())
                    .text(s.parentSpanId() == null || s.parentSpanId().isEmpty() ? null : s.parentSpanId())
                    .text(s.name() == null ? "" : s.name()).text(s.spanType())
                    .int8(s.startTimeNs()).int8(s.endTimeNs())
                    .text(s.status() == null || s.status().code() == null ? "UNSET" : s.status().code())
                    .text(s.status() == null ? null : s.status().message())
                    .text(stored.attributes()).text(stored.inputs()).text(stored.outputs()).text(stored.events())
                    .text(LlmCallText.of(factory, s.llm()));
        }
        return rows.tuple();
    }

    /**
     * The spans of distinct keys; of a key sent twice the later copy wins, in the later's place. A batch without a
     * repeated key (all but a client's retried export) is taken as it is.
     */
    private static Collection<StorableSpan> unique(List<StorableSpan> spans) {
        Set<SpanKey> keys = new HashSet<>(spans.size() * 2);
        for (StorableSpan span : spans) {
            if (!keys.add(new SpanKey(span.span().traceId(), span.span().spanId()))) {
                return uniqueLaterWins(spans);
            }
        }
        return spans;
    }

    private static Collection<StorableSpan> uniqueLaterWins(List<StorableSpan> spans) {
        Map<SpanKey, StorableSpan> unique = new LinkedHashMap<>();
        for (StorableSpan span : spans) {
            SpanKey key = new SpanKey(span.span().traceId(), span.span().spanId());
            unique.remove(key);
            unique.put(key, span);
        }
        return unique.values();
    }

    private record SpanKey(String traceId, String spanId) {
    }
}
