package dev.evalplane.trace.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Transactions over the reactive pool. Every write touching a trace's assessments or run links first takes a
 * transaction-scoped advisory lock per trace id, in ascending key order (no deadlocks), so concurrent consumers and
 * REST calls cannot compute run membership from each other's uncommitted state.
 */
@ApplicationScoped
public class Db {

    /** First key of our advisory locks, so they never meet another service's locks in a shared database. */
    private static final int LOCK_NAMESPACE = 8083;
    /**
     * First key of the run locks (second key {@code hashtext(run_id)}): a write that links traces into a run from a
     * client door holds the run's lock shared, registering a run as the pipeline's holds it exclusive
     * ({@link PipelineRunRepository}), so a link is never written against a registration it cannot see. Taken after the
     * trace locks, in ascending key order, in one statement.
     */
    static final int RUN_LOCK_NAMESPACE = 18083;

    private final Pool pool;

    public Db(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Several reads that must agree with each other (a page and its total): one repeatable-read snapshot. */
    public <T> Uni<T> snapshot(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute().chain(() -> work.apply(conn)));
    }

    public <T> Uni<T> withTraceLocks(Collection<String> traceIds, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(conn -> lockTraces(conn, traceIds).chain(() -> work.apply(conn)));
    }

    /**
     * Writes that need no answer from each other, in one transaction under the trace locks (as
     * {@link #withTraceLocks}), sent in one go: BEGIN, the locks, every statement in list order and COMMIT go out
     * without waiting for the answers in between (the connection pipelines them; PostgreSQL runs them in order), so a
     * batch costs one round trip instead of one per statement. If a statement fails, the ones after it fail as
     * "transaction aborted", COMMIT rolls back, and the first failure is the outcome.
     */
    public Uni<Void> pipelinedWithTraceLocks(Collection<String> traceIds,
            Function<SqlConnection, List<Uni<?>>> statements) {
        return pool.withConnection(conn -> {
            List<CompletableFuture<?>> sent = new ArrayList<>();
            sent.add(conn.query("BEGIN").execute().subscribeAsCompletionStage());
            sent.add(lockTraces(conn, traceIds).subscribeAsCompletionStage());
            statements.apply(conn).forEach(statement -> sent.add(statement.subscribeAsCompletionStage()));
            sent.add(conn.query("COMMIT").execute().subscribeAsCompletionStage());
            return Uni.createFrom().completionStage(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .handle((ignored, error) -> firstFailure(sent)))
                    .chain(failure -> failure == null ? Uni.createFrom().voidItem() : Uni.createFrom().failure(failure));
        });
    }

    /** The failure of the first statement that failed, in the order they were sent; null when none did. */
    private static Throwable firstFailure(List<CompletableFuture<?>> sent) {
        for (CompletableFuture<?> statement : sent) {
            if (statement.isCompletedExceptionally()) {
                try {
                    statement.join();
                } catch (CompletionException e) {
                    return e.getCause() == null ? e : e.getCause();
                } catch (CancellationException e) {
                    return e;
                }
            }
        }
        return null;
    }

    private static Uni<?> lockTraces(SqlConnection conn, Collection<String> traceIds) {
        Integer[] keys = traceIds.stream().map(String::hashCode).distinct().sorted().toArray(Integer[]::new);
        return conn.preparedQuery("SELECT pg_advisory_xact_lock(" + LOCK_NAMESPACE + ", k) FROM unnest($1::int[]) AS k")
                .execute(Tuple.tuple().addArrayOfInteger(keys));
    }
}
