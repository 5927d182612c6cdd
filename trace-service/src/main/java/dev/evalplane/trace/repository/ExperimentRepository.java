package dev.evalplane.trace.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.evalplane.trace.domain.Experiment;
import dev.evalplane.trace.domain.ExperimentStats;
import dev.evalplane.trace.mapping.JsonCodec;
import dev.evalplane.trace.search.SqlParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Experiments: the named ones (table {@code experiments}) and the ids that only appear in traces, which read as
 * experiments named after their id (view {@link #ALL}). Trace statistics come from the (experiment_id,
 * request_time_ms) index.
 */
@ApplicationScoped
public class ExperimentRepository {

    private static final String STATS = "SELECT experiment_id, count(*) AS trace_count,"
            + " max(request_time_ms) AS last_request_time_ms FROM traces GROUP BY experiment_id ORDER BY experiment_id";
    /** Every experiment: registered rows, and trace-only ids named after themselves. */
    static final String ALL = """
            (SELECT experiment_id, name, tags, creation_time_ms, last_update_time_ms, true AS registered
               FROM experiments
             UNION ALL
             SELECT t.experiment_id, t.experiment_id, '{}'::jsonb, min(t.request_time_ms), max(t.request_time_ms), false
               FROM traces t
              WHERE NOT EXISTS (SELECT 1 FROM experiments e WHERE e.experiment_id = t.experiment_id)
                AND NOT EXISTS (SELECT 1 FROM experiments e WHERE e.name = t.experiment_id)
              GROUP BY t.experiment_id) AS x""";
    private static final String COLUMNS = "experiment_id, name, tags::text AS tags, creation_time_ms, last_update_time_ms,"
            + " registered";
    private static final String BY_ID = """
            SELECT experiment_id, name, tags::text AS tags, creation_time_ms, last_update_time_ms, true AS registered
              FROM experiments WHERE experiment_id = $1
            UNION ALL
            SELECT $1, $1, '{}', min(request_time_ms), max(request_time_ms), false FROM traces
             WHERE experiment_id = $1 AND NOT EXISTS (SELECT 1 FROM experiments WHERE experiment_id = $1)
            HAVING count(*) > 0""";
    private static final String INSERT = """
            INSERT INTO experiments (experiment_id, name, tags, creation_time_ms, last_update_time_ms)
            VALUES ($1, $2, $3::text::jsonb, $4, $4) ON CONFLICT DO NOTHING""";
    /** Tags of an experiment; a trace-only id gets its row (named after itself) on its first tag. */
    private static final String SET_TAGS = """
            INSERT INTO experiments AS e (experiment_id, name, tags, creation_time_ms, last_update_time_ms)
            VALUES ($1, $1, $2::text::jsonb - $3::text[], $4, $5)
            ON CONFLICT (experiment_id) DO UPDATE SET tags = (e.tags || EXCLUDED.tags) - $3::text[],
                last_update_time_ms = EXCLUDED.last_update_time_ms""";

    private final Pool pool;
    private final JsonCodec json;

    public ExperimentRepository(Pool pool, JsonCodec json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<List<ExperimentStats>> stats() {
        return pool.query(STATS).execute().map(rows -> {
            List<ExperimentStats> list = new ArrayList<>();
            for (Row row : rows) {
                list.add(new ExperimentStats(row.getString("experiment_id"), row.getLong("trace_count"),
                        Instant.ofEpochMilli(row.getLong("last_request_time_ms"))));
            }
            return list;
        });
    }

    /** The experiment with this id, or null. */
    public Uni<Experiment> byId(String experimentId) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(experimentId)).map(this::first);
    }

    /** Experiments matching a compiled condition, ordered, one page (limit rows from offset). */
    public Uni<List<Experiment>> search(String condition, SqlParams params, String orderBy, int limit, long offset) {
        String sql = "SELECT " + COLUMNS + " FROM " + ALL + " WHERE " + condition + " ORDER BY " + orderBy
                + " LIMIT " + params.add(limit, "int") + " OFFSET " + params.add(offset, "bigint");
        return pool.preparedQuery(sql).execute(params.tuple()).map(this::all);
    }

    /** Inserts a new experiment; false when the id or the name is taken. */
    public Uni<Boolean> insert(String experimentId, String name, Map<String, String> tags, long nowMs) {
        return pool.preparedQuery(INSERT).execute(Tuple.of(experimentId, name, json.write(tags), nowMs))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Sets and deletes tags of an experiment that exists (registered or trace-only). */
    public Uni<Void> editTags(String experimentId, Map<String, String> set, List<String> delete, long creationTimeMs,
            long nowMs) {
        return pool.preparedQuery(SET_TAGS).execute(Tuple.tuple().addValue(experimentId).addValue(json.write(set))
                .addArrayOfString(delete.toArray(String[]::new)).addValue(creationTimeMs).addValue(nowMs))
                .replaceWithVoid();
    }

    private Experiment first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : map(rows.iterator().next());
    }

    private List<Experiment> all(RowSet<Row> rows) {
        List<Experiment> list = new ArrayList<>();
        for (Row row : rows) {
            list.add(map(row));
        }
        return list;
    }

    private Experiment map(Row row) {
        return new Experiment(row.getString("experiment_id"), row.getString("name"), json.stringMap(row.getString("tags")),
                row.getLong("creation_time_ms"), row.getLong("last_update_time_ms"), row.getBoolean("registered"));
    }
}
