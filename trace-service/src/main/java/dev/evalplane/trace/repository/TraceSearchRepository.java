package dev.evalplane.trace.repository;

import java.util.ArrayList;
import java.util.List;

import dev.evalplane.events.http.TraceInfo;
import dev.evalplane.trace.mapping.TraceInfoMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Runs a search statement built by TraceSearchSql and reads each row's info and sort values. */
@ApplicationScoped
public class TraceSearchRepository {

    public record Hit(TraceInfo info, List<Object> sortValues) {
    }

    private final Pool pool;
    private final TraceInfoMapper mapper;

    public TraceSearchRepository(Pool pool, TraceInfoMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<List<Hit>> search(String sql, Tuple params, List<Boolean> numericSortValues) {
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<Hit> hits = new ArrayList<>();
            for (Row row : rows) {
                List<Object> sort = new ArrayList<>();
                for (int i = 0; i < numericSortValues.size(); i++) {
                    sort.add(numericSortValues.get(i) ? row.getLong("sort_" + i) : row.getString("sort_" + i));
                }
                hits.add(new Hit(mapper.map(row), sort));
            }
            return hits;
        });
    }
}
