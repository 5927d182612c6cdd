package dev.evalplane.cost.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.cost.domain.PriceSource;
import dev.evalplane.cost.domain.PricedUsage;
import dev.evalplane.cost.domain.SpanCostEntry;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.EventJson;
import dev.evalplane.events.PricedBy;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.events.TraceCostEvent;

/** The versioned aggregate made from the content's JSON is byte for byte what writing the versioned aggregate gives. */
class AggregateJsonTests {

    private static final ObjectMapper JSON = EventJson.mapper();

    @Test
    void theVersionedTextIsTheMappersOwn() throws Exception {
        List<TraceCostEvent> contents = List.of(
                TraceCostAggregator.aggregate("tr-1", List.of(
                        span("tr-1", "b", "gpt-4.1-mini", new TokenUsage(1200L, 300L, null, 1000L, 0L, 120L), "0.00018",
                                "0.00048", CostStatus.PRICED),
                        span("tr-1", "a", "gpt-4o", TokenUsage.of(10, 10), null, "0.3", CostStatus.PARTIALLY_PRICED)),
                        0, null),
                TraceCostAggregator.aggregate("tr-\"version\":0,\u00e9\u0001", List.of(
                        span("tr-\"version\":0,\u00e9\u0001", "c", "my\"stery,\"computed_at\":null}", TokenUsage.of(5, 5),
                                null, null, CostStatus.UNPRICED)), 0, null),
                TraceCostAggregator.aggregate("tr-2", List.of(), 0, null));
        Instant at = Instant.parse("2026-12-01T03:05:55.589733Z");
        for (TraceCostEvent content : contents) {
            AggregateJson json = new AggregateJson(JSON, content);
            assertThat(json.content()).isEqualTo(JSON.writeValueAsString(content));
            for (long version : new long[] { 1, 42, Long.MAX_VALUE }) {
                TraceCostEvent versioned = new TraceCostEvent(content.schemaVersion(), content.traceId(), version,
                        content.inputTokens(), content.outputTokens(), content.totalTokens(),
                        content.cacheReadInputTokens(), content.cacheCreationInputTokens(), content.reasoningTokens(),
                        content.inputCost(), content.outputCost(), content.totalCost(), content.costStatus(),
                        content.unpricedModels(), content.spans(), content.priceTableVersion(), at);
                assertThat(json.versioned(version, at, AggregateJson.instant(JSON, at)))
                        .isEqualTo(JSON.writeValueAsString(versioned));
            }
        }
    }

    private static SpanCostEntry span(String traceId, String id, String model, TokenUsage usage, String in, String out,
            CostStatus status) {
        BigDecimal i = in == null ? null : new BigDecimal(in);
        BigDecimal o = out == null ? null : new BigDecimal(out);
        BigDecimal total = i == null || o == null ? null : i.add(o);
        return new SpanCostEntry(traceId, id, "openai", model, usage,
                new PricedUsage(i, o, total, status, model, PriceSource.BUNDLED, PricedBy.PROVIDER_AND_MODEL), "v1");
    }
}
