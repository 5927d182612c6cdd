package dev.evalplane.cost.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import dev.evalplane.cost.domain.SpanCostEntry;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.events.TraceCostEvent;

/**
 * Sums a trace's ledger rows into its {@link TraceCostEvent}, exactly: each cost is the BigDecimal sum of the spans'
 * costs, null when any span with usage lacks it (an UNPRICED or PARTIALLY_PRICED span); spans without usage count
 * for nothing. The status combines the spans' statuses; {@code unpriced_models} lists the models of UNPRICED spans;
 * {@code price_table_version} is the distinct table versions of the spans, sorted, joined by a comma.
 */
public final class TraceCostAggregator {

    private TraceCostAggregator() {
    }

    public static TraceCostEvent aggregate(String traceId, List<SpanCostEntry> entries, long version,
            Instant computedAt) {
        List<SpanCostEntry> spans = new ArrayList<>(entries);
        spans.sort(Comparator.comparing(SpanCostEntry::spanId));
        List<SpanCostEntry> withUsage = spans.stream().filter(s -> s.priced().status() != CostStatus.NO_USAGE).toList();
        CostStatus status = CostStatus.NO_USAGE;
        TreeSet<String> unpriced = new TreeSet<>();
        TreeSet<String> versions = new TreeSet<>();
        for (SpanCostEntry span : spans) {
            status = status.combine(span.priced().status());
            if (span.priced().status() == CostStatus.UNPRICED) {
                unpriced.add(Objects.requireNonNullElse(span.model(), ""));
            }
            versions.add(span.priceTableVersion());
        }
        List<SpanCost> spanCosts = spans.stream().map(SpanCostEntry::toSpanCost).toList();
        return new TraceCostEvent(TraceCostEvent.SCHEMA_VERSION, traceId, version,
                tokens(spans, TokenUsage::inputTokens), tokens(spans, TokenUsage::outputTokens),
                tokens(spans, u -> u.total()), tokens(spans, TokenUsage::cacheReadInputTokens),
                tokens(spans, TokenUsage::cacheCreationInputTokens), tokens(spans, TokenUsage::reasoningTokens),
                cost(withUsage, s -> s.priced().inputCost()), cost(withUsage, s -> s.priced().outputCost()),
                cost(withUsage, s -> s.priced().totalCost()), status, List.copyOf(unpriced), spanCosts,
                String.join(",", versions), computedAt);
    }

    private static long tokens(List<SpanCostEntry> spans, Function<TokenUsage, Long> part) {
        ToLongFunction<SpanCostEntry> value = s -> s.usage() == null ? 0L : TokenUsage.orZero(part.apply(s.usage()));
        return spans.stream().mapToLong(value).sum();
    }

    private static BigDecimal cost(List<SpanCostEntry> spans, Function<SpanCostEntry, BigDecimal> part) {
        if (spans.isEmpty()) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (SpanCostEntry span : spans) {
            BigDecimal value = part.apply(span);
            if (value == null) {
                return null;
            }
            total = total.add(value);
        }
        return CostCalculator.normalise(total);
    }
}
