package dev.evalplane.trace.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.evalplane.trace.domain.ExperimentStats;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/** Experiments seen in stored traces, from the (experiment_id, request_time_ms) index. */
@ApplicationScoped
public class ExperimentRepository {

    private static final String LIST = "SELECT experiment_id, count(*) AS trace_count,"
            + " max(request_time_ms) AS last_request_time_ms FROM traces GROUP BY experiment_id ORDER BY experiment_id";

    private final Pool pool;

    public ExperimentRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ExperimentStats>> list() {
        return pool.query(LIST).execute().map(rows -> {
            List<ExperimentStats> list = new ArrayList<>();
            for (Row row : rows) {
                list.add(new ExperimentStats(row.getString("experiment_id"), row.getLong("trace_count"),
                        Instant.ofEpochMilli(row.getLong("last_request_time_ms"))));
            }
            return list;
        });
    }
}
