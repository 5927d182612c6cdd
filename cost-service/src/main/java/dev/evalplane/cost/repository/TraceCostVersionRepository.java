package dev.evalplane.cost.repository;

import static dev.evalplane.support.sql.Columns.Type.INT8;
import static dev.evalplane.support.sql.Columns.Type.TEXT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.evalplane.support.sql.AlreadyStored;
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
 *
 * <p>Lock order: a writer of traces' aggregates first takes the keys of the traces that have no row yet, in trace id
 * order (inserting their rows: {@link #lock}'s placeholders, or {@link #create}'s first versions), then the locks of
 * the rows that exist, in trace id order ({@link #lock}, {@link #lockExisting}), and only then touches their ledger
 * rows. A writer waiting for a key then holds only smaller keys, one waiting for a row lock only keys and smaller
 * rows, so two writers of the same traces (the consumer and a re-price, two consumers during a rebalance, a replica
 * of the previous version, which runs {@link #lock}) never wait for each other in a circle. {@link #markPublished}
 * takes the rows it marks in trace id order too.
 */
@ApplicationScoped
public class TraceCostVersionRepository {

    /** The primary key, named in the unique violation of {@link #create} when another writer created the row. */
    private static final String PRIMARY_KEY = "trace_cost_versions_pkey";

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
        String[] ids = sorted(traceIds);
        return conn.preparedQuery("INSERT INTO costs.trace_cost_versions (trace_id) SELECT unnest($1::text[])"
                + " ORDER BY 1 ON CONFLICT (trace_id) DO NOTHING").execute(Tuple.of(ids))
                .chain(() -> lockExisting(conn, traceIds));
    }

    /** Which of these traces have a row (committed, or this transaction's); nothing locked. */
    public Uni<Set<String>> existing(SqlClient conn, Collection<String> traceIds) {
        return conn.preparedQuery("SELECT trace_id FROM costs.trace_cost_versions WHERE trace_id = ANY($1)")
                .execute(Tuple.of(traceIds.toArray(new String[0]))).map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    /**
     * Creates the rows of traces that had none with their first version, in one insert, in trace id order (no
     * placeholder row written over at once, and no row lock: the new key is the lock). Fails with
     * {@link #createdMeanwhile} when another writer created one of them in between (its transaction is then aborted).
     */
    public Uni<Void> create(SqlClient conn, List<Update> firsts) {
        if (firsts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Update> ordered = firsts.stream().sorted(Comparator.comparing(Update::traceId)).toList();
        return conn.preparedQuery("INSERT INTO costs.trace_cost_versions (trace_id, version, content_hash, event)"
                + " SELECT unnest($1::text[]), unnest($2::int8[]), unnest($3::text[]), unnest($4::text[])")
                .execute(columns(ordered)).replaceWithVoid();
    }

    /** Whether {@link #create} failed because another writer had created one of the rows meanwhile. */
    public static boolean createdMeanwhile(Throwable failure) {
        return AlreadyStored.violates(failure, PRIMARY_KEY);
    }

    /** Locks the rows these traces have (in trace id order, as {@link #lock}) without creating missing ones. */
    public Uni<Map<String, Stored>> lockExisting(SqlClient conn, Collection<String> traceIds) {
        if (traceIds.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return conn.preparedQuery("SELECT trace_id, version, content_hash FROM costs.trace_cost_versions"
                        + " WHERE trace_id = ANY($1) ORDER BY trace_id FOR UPDATE").execute(Tuple.of(sorted(traceIds)))
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
        return conn.preparedQuery("UPDATE costs.trace_cost_versions v SET version = u.version, content_hash = u.hash,"
                + " event = u.event, updated_at = now() FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[])"
                + " AS u(trace_id, version, hash, event) WHERE v.trace_id = u.trace_id").execute(columns(updates))
                .replaceWithVoid();
    }

    private static Tuple columns(List<Update> updates) {
        Columns rows = new Columns(updates.size(), TEXT, INT8, TEXT, TEXT);
        updates.forEach(u -> rows.row().text(u.traceId()).int8(u.version()).text(u.contentHash()).text(u.event()));
        return rows.tuple();
    }

    private static String[] sorted(Collection<String> traceIds) {
        return traceIds.stream().sorted().distinct().toArray(String[]::new);
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

    /**
     * Raises the rows' publication marks. Their row locks are taken first, in trace id order, as the writers take them:
     * an update that locked rows in its join's order could hold a larger row while waiting for a smaller one a writer
     * holds, and that writer then wait for the larger one (a deadlock PostgreSQL ends by aborting one of them).
     */
    public Uni<Void> markPublished(Pool pool, List<Pending> published) {
        if (published.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Columns rows = new Columns(published.size(), TEXT, INT8);
        published.forEach(p -> rows.row().text(p.traceId()).int8(p.version()));
        return pool.preparedQuery("WITH locked AS MATERIALIZED (SELECT trace_id FROM costs.trace_cost_versions"
                + " WHERE trace_id = ANY($1) ORDER BY trace_id FOR NO KEY UPDATE)"
                + " UPDATE costs.trace_cost_versions v SET published_version = GREATEST(v.published_version, u.version)"
                + " FROM unnest($1::text[], $2::int8[]) AS u(trace_id, version), locked l"
                + " WHERE v.trace_id = u.trace_id AND l.trace_id = u.trace_id").execute(rows.tuple())
                .replaceWithVoid();
    }
}
