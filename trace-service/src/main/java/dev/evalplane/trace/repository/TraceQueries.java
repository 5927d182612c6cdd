package dev.evalplane.trace.repository;

import java.util.ArrayList;
import java.util.List;

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

/** Reads one trace: existence, its info (cost metadata applied) and its spans in start order. */
@ApplicationScoped
public class TraceQueries {

    private static final String INFO = TraceInfoMapper.SELECT + " WHERE t.trace_id = $1";
    private static final String SPANS = SpanMapper.SELECT + " WHERE s.trace_id = $1 ORDER BY s.start_time_ns, s.span_id";

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

    /** The trace's info without assessments, or null. */
    public Uni<TraceInfo> info(String traceId) {
        return pool.preparedQuery(INFO).execute(Tuple.of(traceId))
                .map(rows -> rows.size() == 0 ? null : infoMapper.map(rows.iterator().next()));
    }

    public Uni<List<Span>> spans(String traceId) {
        return pool.preparedQuery(SPANS).execute(Tuple.of(traceId)).map(rows -> {
            List<Span> spans = new ArrayList<>();
            for (Row row : rows) {
                spans.add(spanMapper.map(row));
            }
            return spans;
        });
    }
}
