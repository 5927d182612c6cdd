package dev.evalplane.cost.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code costs.trace_cost_versions}: per trace, the last aggregate (JSON), its version and content hash, and the
 * highest version already on {@code trace-costs}. It doubles as the outbox: rows with
 * {@code version > published_version} are still to be published.
 */
@ApplicationScoped
public class TraceCostVersionRepository {

    /** What is stored for a trace. */
    public record Stored(long version, String contentHash) {
    }

    /** A version not yet known to be on the topic. */
    public record Pending(String traceId, long version, String event) {
    }

    /** A new aggregate to store. */
    public record Update(String traceId, long version, String contentHash, String event) {
    }

    /**
     * Creates missing rows and locks every row of these traces until the transaction ends, in trace id order (no
     * deadlock between the consumer and a re-price): one writer per trace at a time.
     */
    public Uni<Map<String, Stored>> lock(SqlClient conn, Collection<String> traceIds) {
        String[] ids = traceIds.stream().sorted().distinct().toArray(String[]::new);
        return conn.preparedQuery("INSERT INTO costs.trace_cost_versions (trace_id) SELECT unnest($1::text[])"
                + " ORDER BY 1 ON CONFLICT (trace_id) DO NOTHING").execute(Tuple.of(ids))
                .chain(() -> conn.preparedQuery("SELECT trace_id, version, content_hash FROM costs.trace_cost_versions"
                        + " WHERE trace_id = ANY($1) ORDER BY trace_id FOR UPDATE").execute(Tuple.of(ids)))
                .map(rows -> {
                    Map<String, Stored> stored = new HashMap<>();
                    rows.forEach(row -> stored.put(row.getString("trace_id"),
                            new Stored(row.getLong("version"), row.getString("content_hash"))));
                    return stored;
                });
    }

    public Uni<Void> save(SqlClient conn, List<Update> updates) {
        if (updates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        updates.forEach(u -> rows.add(Tuple.of(u.traceId(), u.version(), u.contentHash(), u.event())));
        return conn.preparedQuery("UPDATE costs.trace_cost_versions SET version = $2, content_hash = $3, event = $4,"
                + " updated_at = now() WHERE trace_id = $1").executeBatch(rows).replaceWithVoid();
    }

    /** Unpublished aggregates of these traces (all traces when null), in trace id order. */
    public Uni<List<Pending>> findUnpublished(Pool pool, Collection<String> traceIds, int limit) {
        String where = traceIds == null ? "" : " AND trace_id = ANY($2)";
        Tuple args = traceIds == null ? Tuple.of(limit) : Tuple.of(limit, traceIds.toArray(new String[0]));
        return pool.preparedQuery("SELECT trace_id, version, event FROM costs.trace_cost_versions"
                + " WHERE version > published_version" + where + " ORDER BY trace_id LIMIT $1").execute(args)
                .map(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    rows.forEach(row -> pending.add(new Pending(row.getString("trace_id"), row.getLong("version"),
                            row.getString("event"))));
                    return pending;
                });
    }

    public Uni<Void> markPublished(Pool pool, List<Pending> published) {
        if (published.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        published.forEach(p -> rows.add(Tuple.of(p.traceId(), p.version())));
        return pool.preparedQuery("UPDATE costs.trace_cost_versions SET published_version = GREATEST(published_version,"
                + " $2) WHERE trace_id = $1").executeBatch(rows).replaceWithVoid();
    }
}
