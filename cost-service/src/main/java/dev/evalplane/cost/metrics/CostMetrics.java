package dev.evalplane.cost.metrics;

import java.util.List;

import dev.evalplane.cost.domain.SpanCostEntry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prometheus counters of the pricing at {@code /q/metrics}: LLM spans priced by status and model
 * ({@code evalplane_cost_spans_priced_total}, redeliveries included: the ledger itself never double-counts) and
 * trace cost events published ({@code evalplane_cost_trace_events_published_total}) and ledger transactions run
 * again after PostgreSQL ended them in a deadlock or serialization failure ({@code evalplane_cost_ledger_conflicts_total},
 * expected to stay 0).
 */
@ApplicationScoped
public class CostMetrics {

    private final MeterRegistry registry;

    public CostMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void priced(List<SpanCostEntry> entries) {
        for (SpanCostEntry entry : entries) {
            registry.counter("evalplane.cost.spans.priced", "status", entry.priced().status().name(),
                    "model", String.valueOf(entry.model())).increment();
        }
    }

    public void published(int events) {
        registry.counter("evalplane.cost.trace.events.published").increment(events);
    }

    public void ledgerConflict() {
        registry.counter("evalplane.cost.ledger.conflicts").increment();
    }

    /** Ledger transactions run again after a conflict since start. */
    public double ledgerConflicts() {
        return registry.counter("evalplane.cost.ledger.conflicts").count();
    }
}
