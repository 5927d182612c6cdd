package dev.evalplane.cost.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.evalplane.cost.domain.PriceTable;
import dev.evalplane.cost.domain.PricedUsage;
import dev.evalplane.cost.domain.SpanCostEntry;
import dev.evalplane.cost.messaging.TraceCostPublisher;
import dev.evalplane.cost.repository.SpanCostRepository;
import dev.evalplane.cost.repository.TraceCostVersionRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Re-prices stored spans with the current table, page by page of traces: each page in one transaction (the
 * traces' version rows locked, so the consumer waits; run again should PostgreSQL end it in a deadlock, see
 * {@link ConflictRetry}), then the changed aggregates are published with a higher
 * version.
 */
@ApplicationScoped
public class RepriceService {

    static final int PAGE = 200;

    /** What a re-price did. */
    public record Outcome(int tracesRepriced, int spansRepriced, int tracesChanged, String priceTableVersion) {
        Outcome plus(Outcome other) {
            return new Outcome(tracesRepriced + other.tracesRepriced, spansRepriced + other.spansRepriced,
                    tracesChanged + other.tracesChanged, other.priceTableVersion);
        }
    }

    private final Pool pool;
    private final PriceTableService prices;
    private final SpanCostRepository spanCosts;
    private final TraceCostVersionRepository versions;
    private final TraceCostRecomputer recomputer;
    private final TraceCostPublisher publisher;
    private final ConflictRetry retry;

    public RepriceService(Pool pool, PriceTableService prices, SpanCostRepository spanCosts,
            TraceCostVersionRepository versions, TraceCostRecomputer recomputer, TraceCostPublisher publisher,
            ConflictRetry retry) {
        this.retry = retry;
        this.pool = pool;
        this.prices = prices;
        this.spanCosts = spanCosts;
        this.versions = versions;
        this.recomputer = recomputer;
        this.publisher = publisher;
    }

    /** Re-prices the given traces, or every trace in the ledger when {@code traceIds} is null. */
    public Uni<Outcome> reprice(List<String> traceIds) {
        PriceTable table = prices.current();
        Outcome none = new Outcome(0, 0, 0, table.version());
        if (traceIds != null) {
            List<String> ids = traceIds.stream().filter(Objects::nonNull).distinct().sorted().toList();
            List<List<String>> pages = new ArrayList<>();
            for (int i = 0; i < ids.size(); i += PAGE) {
                pages.add(ids.subList(i, Math.min(ids.size(), i + PAGE)));
            }
            return Multi.createFrom().iterable(pages).onItem().transformToUniAndConcatenate(p -> page(p, table))
                    .collect().with(Collectors.reducing(none, Outcome::plus));
        }
        return allPages("", table, none);
    }

    private Uni<Outcome> allPages(String after, PriceTable table, Outcome soFar) {
        return spanCosts.traceIdsAfter(pool, after, PAGE).chain(ids -> ids.isEmpty() ? Uni.createFrom().item(soFar)
                : page(ids, table).chain(done -> allPages(ids.get(ids.size() - 1), table, soFar.plus(done))));
    }

    private Uni<Outcome> page(List<String> traceIds, PriceTable table) {
        int[] spans = new int[1];
        return retry.run(() -> pool.withTransaction(conn -> versions.lock(conn, traceIds).chain(locked -> spanCosts
                .findByTraceIds(conn, traceIds)
                .chain(entries -> {
                    List<SpanCostEntry> changed = new ArrayList<>();
                    for (SpanCostEntry entry : entries) {
                        SpanCostEntry repriced = SpanPricer.reprice(entry, table);
                        if (!samePricing(entry, repriced)) {
                            changed.add(repriced);
                        }
                    }
                    spans[0] = changed.size();
                    return spanCosts.updatePricing(conn, changed);
                })
                .chain(() -> recomputer.recompute(conn, locked)))))
                .call(changedTraces -> publisher.publishPending(traceIds))
                .map(changedTraces -> new Outcome(traceIds.size(), spans[0], changedTraces.size(), table.version()));
    }

    /** Same costs, status and entry: the row keeps the table version it was priced with. */
    private static boolean samePricing(SpanCostEntry a, SpanCostEntry b) {
        PricedUsage x = a.priced();
        PricedUsage y = b.priced();
        return Objects.equals(x, y);
    }
}
