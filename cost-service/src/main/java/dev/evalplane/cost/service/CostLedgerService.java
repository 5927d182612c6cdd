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

    public CostLedgerService(Pool pool, PriceTableService prices, SpanCostRepository spanCosts,
            TraceCostVersionRepository versions, TraceCostRecomputer recomputer, CostMetrics metrics) {
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
        return store(entries, traceIds, false)
                .onFailure(SpanCostRepository::alreadyStored).recoverWithUni(() -> store(entries, traceIds, true))
                .invoke(() -> metrics.priced(entries))
                .replaceWith(traceIds);
    }

    /**
     * One transaction: the ledger rows (inserted; upserted when {@code overwrite}, after the insert met a span already
     * in the ledger, see {@link SpanCostRepository}) and the touched traces' new aggregates.
     */
    private Uni<List<String>> store(List<SpanCostEntry> entries, List<String> traceIds, boolean overwrite) {
        return pool.withTransaction(conn -> versions.lock(conn, traceIds)
                .call(locked -> overwrite ? spanCosts.upsert(conn, entries) : spanCosts.insert(conn, entries))
                .chain(locked -> recomputer.recompute(conn, locked)));
    }
}
