package dev.evalplane.trace.mapping;

import dev.evalplane.events.SpanStatus;
import dev.evalplane.events.http.Span;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Span rows to the API shape; {@link #SELECT} adds {@code mlflow.llm.cost} (MLflow's shape: input, output and total
 * cost) and {@code evalplane.llm.pricedBy} (the price entry and how it matched) from the trace's stored cost. The
 * content columns are json (the span's own text, V12); attributes are cast to jsonb for that merge.
 */
@ApplicationScoped
public class SpanMapper {

    public static final String SELECT = """
            SELECT s.trace_id, s.span_id, s.parent_span_id, s.name, s.span_type, s.start_time_ns, s.end_time_ns,
                   s.status_code, s.status_message,
                   (s.attributes::jsonb || CASE WHEN tc.span_costs ? s.span_id
                        THEN jsonb_strip_nulls(jsonb_build_object(
                            'mlflow.llm.cost', (tc.span_costs -> s.span_id) - 'priced_by',
                            'evalplane.llm.pricedBy', tc.span_costs -> s.span_id -> 'priced_by'))
                        ELSE '{}'::jsonb END)::text AS attributes,
                   s.inputs::text AS inputs, s.outputs::text AS outputs, s.events::text AS events, s.llm::text AS llm
            FROM spans s LEFT JOIN trace_costs tc ON tc.trace_id = s.trace_id
            """;

    private final JsonCodec json;

    public SpanMapper(JsonCodec json) {
        this.json = json;
    }

    public Span map(Row row) {
        return new Span(row.getString("trace_id"), row.getString("span_id"), row.getString("parent_span_id"),
                row.getString("name"), row.getString("span_type"), row.getLong("start_time_ns"),
                row.getLong("end_time_ns"), new SpanStatus(row.getString("status_code"), row.getString("status_message")),
                json.tree(row.getString("attributes")), json.tree(row.getString("inputs")),
                json.tree(row.getString("outputs")), json.tree(row.getString("events")), json.tree(row.getString("llm")));
    }
}
