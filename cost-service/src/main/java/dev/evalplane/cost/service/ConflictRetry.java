package dev.evalplane.cost.service;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.evalplane.cost.metrics.CostMetrics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * A ledger transaction PostgreSQL ended to break a deadlock ({@code 40P01}) or for a serialization failure
 * ({@code 40001}) is run again, in a new transaction, instead of losing the batch or failing the re-price request.
 * The ledger's writers take the traces' version rows in one order
 * ({@link dev.evalplane.cost.repository.TraceCostVersionRepository}), so neither is expected; each one is counted
 * ({@code evalplane_cost_ledger_conflicts_total}).
 */
@ApplicationScoped
public class ConflictRetry {

    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final int RETRIES = 20;

    private final CostMetrics metrics;

    public ConflictRetry(CostMetrics metrics) {
        this.metrics = metrics;
    }

    /** Runs the transaction, again (50 ms doubling to 2 s apart, up to 20 times) while it ends in a conflict. */
    public <T> Uni<T> run(Supplier<Uni<? extends T>> transaction) {
        return Uni.createFrom().deferred(transaction)
                .onFailure(ConflictRetry::conflicted).invoke(e -> {
                    metrics.ledgerConflict();
                    Log.warnf("a ledger transaction ended in a conflict (%s); running it again", e.getMessage());
                })
                .onFailure(ConflictRetry::conflicted).retry()
                .withBackOff(Duration.ofMillis(50), Duration.ofSeconds(2)).atMost(RETRIES);
    }

    /** Whether PostgreSQL ended the transaction for a conflict with another one (running it again may pass). */
    static boolean conflicted(Throwable failure) {
        return failure instanceof PgException pg
                && (DEADLOCK.equals(pg.getSqlState()) || SERIALIZATION_FAILURE.equals(pg.getSqlState()));
    }
}
