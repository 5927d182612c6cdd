package dev.evalplane.cost.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.cost.domain.SpanCostEntry;
import dev.evalplane.cost.repository.SpanCostRepository;
import dev.evalplane.cost.repository.TraceCostVersionRepository;
import dev.evalplane.cost.repository.TraceCostVersionRepository.Stored;
import dev.evalplane.cost.repository.TraceCostVersionRepository.Update;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Recomputes the aggregates of traces from the ledger inside the caller's transaction (whose version rows it has
 * locked) and stores a new version only for a trace whose content changed, so a duplicate never bumps a version.
 */
@ApplicationScoped
public class TraceCostRecomputer {

    /** What a trace without a version row has: version 0, no aggregate (as {@link TraceCostVersionRepository#lock}'s placeholder). */
    private static final Stored NONE = new Stored(0, null);

    private final SpanCostRepository spanCosts;
    private final TraceCostVersionRepository versions;
    private final ObjectMapper json;

    public TraceCostRecomputer(SpanCostRepository spanCosts, TraceCostVersionRepository versions, ObjectMapper json) {
        this.spanCosts = spanCosts;
        this.versions = versions;
        this.json = json;
    }

    /** @return the ids of the traces that got a new version */
    public Uni<List<String>> recompute(SqlClient conn, Map<String, Stored> locked) {
        if (locked.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return spanCosts.findByTraceIds(conn, locked.keySet()).chain(entries -> {
            Map<String, List<SpanCostEntry>> byTrace = new LinkedHashMap<>();
            entries.forEach(e -> byTrace.computeIfAbsent(e.traceId(), id -> new ArrayList<>()).add(e));
            List<Update> updates = changed(byTrace, locked::get);
            return versions.save(conn, updates).replaceWith(updates.stream().map(Update::traceId).toList());
        });
    }

    /**
     * Creates the first versions of traces that have no version row (so no ledger rows either) from their spans about
     * to be inserted ({@link TraceCostVersionRepository#create}: fails when another writer created one meanwhile).
     * A span sent twice counts once, its later copy, as in the ledger.
     */
    public Uni<Void> createFirst(SqlClient conn, List<SpanCostEntry> spansOfNewTraces) {
        Map<String, SpanCostEntry> bySpan = new LinkedHashMap<>();
        spansOfNewTraces.forEach(e -> bySpan.put(e.spanId(), SpanCostRepository.asStored(e)));
        Map<String, List<SpanCostEntry>> byTrace = new TreeMap<>();
        bySpan.values().forEach(e -> byTrace.computeIfAbsent(e.traceId(), id -> new ArrayList<>()).add(e));
        List<Update> firsts = changed(byTrace, traceId -> NONE);
        return versions.create(conn, firsts);
    }

    /** A new version of each trace whose aggregate differs from the stored one (a trace without one is skipped). */
    private List<Update> changed(Map<String, List<SpanCostEntry>> byTrace, Function<String, Stored> storedOf) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String nowJson = AggregateJson.instant(json, now);
        List<Update> updates = new ArrayList<>();
        byTrace.forEach((traceId, spans) -> {
            Stored stored = storedOf.apply(traceId);
            AggregateJson aggregate = new AggregateJson(json, TraceCostAggregator.aggregate(traceId, spans, 0, null));
            String hash = PriceTableBuilder.sha256(aggregate.content());
            if (stored != null && !hash.equals(stored.contentHash())) {
                long version = stored.version() + 1;
                updates.add(new Update(traceId, version, hash, aggregate.versioned(version, now, nowJson)));
            }
        });
        return updates;
    }
}
