package dev.evalplane.trace.mapping;

import java.time.Instant;
import java.util.List;

import dev.evalplane.events.http.TraceInfo;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Trace rows to TraceInfo. {@link #SELECT} joins the trace's stored cost, whose metadata patch
 * ({@code mlflow.trace.tokenUsage}, {@code mlflow.trace.cost}) sits on top of the span-provided metadata.
 */
@ApplicationScoped
public class TraceInfoMapper {

    public static final String COLUMNS = """
            t.trace_id, t.experiment_id, t.client_request_id, t.request_time_ms, t.execution_duration_ms, t.state,
            t.request_preview, t.response_preview, t.tags::text AS tags,
            (t.trace_metadata || COALESCE(tc.metadata_patch, '{}'::jsonb))::text AS trace_metadata""";

    public static final String FROM = "FROM traces t LEFT JOIN trace_costs tc ON tc.trace_id = t.trace_id";

    public static final String SELECT = "SELECT " + COLUMNS + " " + FROM;

    private final JsonCodec json;

    public TraceInfoMapper(JsonCodec json) {
        this.json = json;
    }

    public TraceInfo map(Row row) {
        return new TraceInfo(row.getString("trace_id"), row.getString("experiment_id"),
                row.getString("client_request_id"), Instant.ofEpochMilli(row.getLong("request_time_ms")),
                row.getLong("execution_duration_ms"), row.getString("state"), row.getString("request_preview"),
                row.getString("response_preview"), json.stringMap(row.getString("trace_metadata")),
                json.stringMap(row.getString("tags")), List.of());
    }
}
