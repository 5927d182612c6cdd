package dev.evalplane.trace.repository;

import java.util.List;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.trace.mapping.JsonCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Spans keyed by (trace_id, span_id): a redelivered span overwrites itself, never duplicates. */
@ApplicationScoped
public class SpanRepository {

    private static final String UPSERT = """
            INSERT INTO spans (trace_id, span_id, parent_span_id, name, span_type, start_time_ns, end_time_ns,
                               status_code, status_message, attributes, inputs, outputs, events, llm)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::jsonb, $11::text::jsonb, $12::text::jsonb,
                    $13::text::jsonb, $14::text::jsonb)
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

    public Uni<Void> upsert(SqlConnection conn, List<SpanEvent> spans) {
        List<Tuple> rows = spans.stream().map(this::row).toList();
        return conn.preparedQuery(UPSERT).executeBatch(rows).replaceWithVoid();
    }

    private Tuple row(SpanEvent s) {
        String statusCode = s.status() == null || s.status().code() == null ? "UNSET" : s.status().code();
        String parent = s.parentSpanId() == null || s.parentSpanId().isEmpty() ? null : s.parentSpanId();
        return Tuple.tuple()
                .addValue(s.traceId()).addValue(s.spanId()).addValue(parent)
                .addValue(s.name() == null ? "" : s.name()).addValue(s.spanType())
                .addValue(s.startTimeNs()).addValue(s.endTimeNs())
                .addValue(statusCode).addValue(s.status() == null ? null : s.status().message())
                .addValue(s.attributes() == null ? "{}" : json.write(s.attributes()))
                .addValue(json.write(s.inputs())).addValue(json.write(s.outputs()))
                .addValue(s.events() == null ? "[]" : json.write(s.events()))
                .addValue(json.write(s.llm()));
    }
}
