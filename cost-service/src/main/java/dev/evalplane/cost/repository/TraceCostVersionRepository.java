package dev.evalplane.cost.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.evalplane.support.sql.Columns;
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
        Columns rows = new Columns(updates.size(), String.class, Long.class, String.class, String.class);
        updates.forEach(u -> rows.add(u.traceId(), u.version(), u.contentHash(), u.event()));
        return conn.preparedQuery("UPDATE costs.trace_cost_versions v SET version = u.version, content_hash = u.hash,"
                + " event = u.event, updated_at = now() FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[])"
                + " AS u(trace_id, version, hash, event) WHERE v.trace_id = u.trace_id").execute(rows.tuple())
                .replaceWithVoid();
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
        Columns rows = new Columns(published.size(), String.class, Long.class);
        published.forEach(p -> rows.add(p.traceId(), p.version()));
        return pool.preparedQuery("UPDATE costs.trace_cost_versions v SET published_version = GREATEST("
                + "v.published_version, u.version) FROM unnest($1::text[], $2::int8[]) AS u(trace_id, version)"
                + " WHERE v.trace_id = u.trace_id").execute(rows.tuple()).replaceWithVoid();
    }
}
