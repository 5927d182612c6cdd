package dev.evalplane.cost.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.evalplane.cost.domain.PriceTable;
import dev.evalplane.cost.domain.SpanCostEntry;
import dev.evalplane.cost.metrics.CostMetrics;
import dev.evalplane.cost.repository.SpanCostRepository;
import dev.evalplane.cost.repository.TraceCostVersionRepository;
import dev.evalplane.events.SpanEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Prices LLM spans and writes them to the ledger with their traces' new aggregates, in one transaction: after a
 * crash either both are stored or neither is, and the outbox rows say what is still to be published.
 */
@ApplicationScoped
public class CostLedgerService {

    private final Pool pool;
    private final PriceTableService prices;
    private final SpanCostRepository spanCosts;
    private final TraceCostVersionRepository versions;
    private final TraceCostRecomputer recomputer;
    private final CostMetrics metrics;
    private final ConflictRetry retry;

    public CostLedgerService(Pool pool, PriceTableService prices, SpanCostRepository spanCosts,
            TraceCostVersionRepository versions, TraceCostRecomputer recomputer, CostMetrics metrics,
            ConflictRetry retry) {
        this.retry = retry;
        this.pool = pool;
        this.prices = prices;
        this.spanCosts = spanCosts;
        this.versions = versions;
        this.recomputer = recomputer;
        this.metrics = metrics;
    }

    /** @return the ids of the traces these spans belong to (whose pending aggregates should be published) */
    public Uni<List<String>> record(List<SpanEvent> spans) {
        PriceTable table = prices.current();
        List<SpanCostEntry> entries = spans.stream().map(span -> SpanPricer.price(span, table)).toList();
        List<String> traceIds = entries.stream().map(SpanCostEntry::traceId).distinct().sorted().toList();
        if (traceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return retry.run(() -> storeNew(entries, traceIds)
                .onFailure(CostLedgerService::storedMeanwhile).recoverWithUni(() -> storeAgain(entries, traceIds)))
                .invoke(() -> metrics.priced(entries))
                .replaceWith(traceIds);
    }

    /**
     * One transaction, for a batch of new spans: the traces that have no version row get it with their first version
     * from these spans, in one insert ({@link TraceCostRecomputer#createFirst}), then the existing rows are locked, the
     * spans inserted and the existing traces' aggregates recomputed from the ledger. In the lock order of
     * {@link TraceCostVersionRepository} (new keys, then existing rows, then the ledger). Fails, aborting it all, on a
     * span already in the ledger (a redelivery) or a version row another writer created meanwhile.
     */
    private Uni<Void> storeNew(List<SpanCostEntry> entries, List<String> traceIds) {
        return pool.withTransaction(conn -> versions.existing(conn, traceIds).chain(existing -> recomputer
                .createFirst(conn, entries.stream().filter(e -> !existing.contains(e.traceId())).toList())
                .chain(() -> versions.lockExisting(conn, existing))
                .call(() -> spanCosts.insert(conn, entries))
                .chain(locked -> recomputer.recompute(conn, locked)))).replaceWithVoid();
    }

    /**
     * One transaction, after {@link #storeNew} failed: every trace's row created (a placeholder) and locked, the spans
     * upserted ({@link SpanCostRepository}) and the aggregates recomputed from the ledger.
     */
    private Uni<Void> storeAgain(List<SpanCostEntry> entries, List<String> traceIds) {
        return pool.withTransaction(conn -> versions.lock(conn, traceIds)
                .call(() -> spanCosts.upsert(conn, entries))
                .chain(locked -> recomputer.recompute(conn, locked))).replaceWithVoid();
    }

    private static boolean storedMeanwhile(Throwable failure) {
        return SpanCostRepository.alreadyStored(failure) || TraceCostVersionRepository.createdMeanwhile(failure);
    }
}
