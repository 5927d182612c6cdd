package dev.evalplane.cost.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.evalplane.cost.domain.PriceSource;
import dev.evalplane.cost.domain.PricedUsage;
import dev.evalplane.cost.domain.SpanCostEntry;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.PricedBy;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.events.TraceCostEvent;

/** A trace's aggregate is the exact sum of its spans; unknown parts make it null, never $0. */
class TraceCostAggregatorTests {

    private static SpanCostEntry span(String id, String model, TokenUsage usage, String in, String out,
            CostStatus status, String version) {
        BigDecimal i = in == null ? null : new BigDecimal(in);
        BigDecimal o = out == null ? null : new BigDecimal(out);
        BigDecimal total = i == null || o == null ? null : i.add(o);
        return new SpanCostEntry("tr-1", id, "openai", model, usage,
                new PricedUsage(i, o, total, status, model, PriceSource.BUNDLED, PricedBy.PROVIDER_AND_MODEL), version);
    }

    @Test
    void sumsExactlyAndIgnoresSpansWithoutUsage() {
        TraceCostEvent event = TraceCostAggregator.aggregate("tr-1", List.of(
                span("b", "gpt-4.1-mini", new TokenUsage(1200L, 300L, null, 1000L, 0L, 120L), "0.00018", "0.00048",
                        CostStatus.PRICED, "v2"),
                span("a", "gpt-4o", new TokenUsage(1000L, 100L, 1100L, null, null, null), "0.0025", "0.001",
                        CostStatus.PRICED, "v1"),
                span("c", "gpt-4o", null, null, null, CostStatus.NO_USAGE, "v1")), 7, Instant.EPOCH);
        // 0.00066 + 0.0035 = 0.00416
        assertThat(event.totalCost()).isEqualTo(new BigDecimal("0.00416"));
        assertThat(event.inputCost()).isEqualTo(new BigDecimal("0.00268"));
        assertThat(event.costStatus()).isEqualTo(CostStatus.PRICED);
        assertThat(event.inputTokens()).isEqualTo(2200);
        assertThat(event.totalTokens()).isEqualTo(2600);
        assertThat(event.reasoningTokens()).isEqualTo(120);
        assertThat(event.spans()).extracting(s -> s.spanId()).containsExactly("a", "b", "c");
        assertThat(event.priceTableVersion()).isEqualTo("v1,v2");
        assertThat(event.version()).isEqualTo(7);
    }

    @Test
    void anUnknownPartMakesTheSumUnknown() {
        TraceCostEvent event = TraceCostAggregator.aggregate("tr-1", List.of(
                span("a", "gpt-4o", TokenUsage.of(10, 10), "0.1", "0.2", CostStatus.PRICED, "v1"),
                span("b", "gpt-4o-2024-05-13", TokenUsage.of(10, 10), null, "0.3", CostStatus.PARTIALLY_PRICED, "v1"),
                span("c", "mystery", TokenUsage.of(5, 5), null, null, CostStatus.UNPRICED, "v1")), 1, Instant.EPOCH);
        assertThat(event.inputCost()).isNull();
        assertThat(event.outputCost()).isNull();
        assertThat(event.totalCost()).isNull();
        assertThat(event.costStatus()).isEqualTo(CostStatus.PARTIALLY_PRICED);
        assertThat(event.unpricedModels()).containsExactly("mystery");
        assertThat(event.totalTokens()).isEqualTo(50);
    }

    @Test
    void onlySpansWithoutUsageIsNoUsageWithNullCosts() {
        TraceCostEvent event = TraceCostAggregator.aggregate("tr-1",
                List.of(span("a", "gpt-4o", null, null, null, CostStatus.NO_USAGE, "v1")), 1, Instant.EPOCH);
        assertThat(event.costStatus()).isEqualTo(CostStatus.NO_USAGE);
        assertThat(event.totalCost()).isNull();
    }
}
