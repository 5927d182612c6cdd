package dev.evalplane.trace.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.evalplane.events.http.Span;
import dev.evalplane.events.http.TraceInfo;
import dev.evalplane.trace.mapping.SpanMapper;
import dev.evalplane.trace.mapping.TraceInfoMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads traces: existence, their info (cost metadata applied) and their spans in start order, for any number of traces
 * in one statement each (a read costs three statements whatever its size, not three per trace).
 */
@ApplicationScoped
public class TraceQueries {

    private static final String INFOS = TraceInfoMapper.SELECT + " WHERE t.trace_id = ANY($1::text[])";
    private static final String SPANS_OF = SpanMapper.SELECT
            + " WHERE s.trace_id = ANY($1::text[]) ORDER BY s.trace_id, s.start_time_ns, s.span_id";

    private final Pool pool;
    private final TraceInfoMapper infoMapper;
    private final SpanMapper spanMapper;

    public TraceQueries(Pool pool, TraceInfoMapper infoMapper, SpanMapper spanMapper) {
        this.pool = pool;
        this.infoMapper = infoMapper;
        this.spanMapper = spanMapper;
    }

    public Uni<Boolean> exists(SqlClient client, String traceId) {
        return client.preparedQuery("SELECT 1 FROM traces WHERE trace_id = $1").execute(Tuple.of(traceId))
                .map(rows -> rows.size() > 0);
    }

    /** The infos (without assessments) of the traces that exist, by trace id. */
    public Uni<Map<String, TraceInfo>> infos(Collection<String> traceIds) {
        return pool.preparedQuery(INFOS).execute(Tuple.tuple().addArrayOfString(traceIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, TraceInfo> infos = new HashMap<>();
                    for (Row row : rows) {
                        TraceInfo info = infoMapper.map(row);
                        infos.put(info.traceId(), info);
                    }
                    return infos;
                });
    }

    /** The spans of these traces in start order, by trace id (absent: no spans). */
    public Uni<Map<String, List<Span>>> spans(Collection<String> traceIds) {
        return pool.preparedQuery(SPANS_OF).execute(Tuple.tuple().addArrayOfString(traceIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<Span>> spans = new HashMap<>();
                    for (Row row : rows) {
                        Span span = spanMapper.map(row);
                        spans.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
                    }
                    return spans;
                });
    }
}
