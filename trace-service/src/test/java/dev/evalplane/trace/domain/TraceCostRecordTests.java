package dev.evalplane.trace.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.EventJson;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.PricedBy;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.events.TraceCostEvent;

/**
 * The trace cost's jsonb texts, written straight with the generator, against the texts of the trees they were built
 * from before (the reference below is that code): the same text, so the same stored content, for every shape.
 */
class TraceCostRecordTests {

    private static final ObjectMapper MAPPER = EventJson.configure(new ObjectMapper());

    @Test
    void theTextsAreThoseOfTheTrees() throws JsonProcessingException {
        List<TraceCostEvent> events = events();
        for (TraceCostEvent event : events) {
            TraceCostRecord record = TraceCostRecord.of(event, MAPPER);
            assertThat(record.metadataPatch()).as("metadata patch of %s", event).isEqualTo(referenceMetadata(event));
            assertThat(record.spanCosts()).as("span costs of %s", event).isEqualTo(referenceSpanCosts(event));
            assertThat(MAPPER.readTree(record.metadataPatch())).isEqualTo(MAPPER.readTree(referenceMetadata(event)));
        }
        assertThat(events).hasSizeGreaterThan(10);
    }

    private static List<TraceCostEvent> events() {
        PricedBy byProvider = new PricedBy("claude-sonnet-4-5", "bundled", PricedBy.PROVIDER_AND_MODEL);
        PricedBy byName = new PricedBy("gemini/gemini-2.5-pro", "litellm", PricedBy.MODEL_NAME);
        PricedBy partial = new PricedBy("k\"ey\\ \u00e9 \ud83d\ude00", null, null);
        TokenUsage usage = TokenUsage.of(120, 30);
        SpanCost priced = span("s1", "0.000360", "0.000450", "0.000810", CostStatus.PRICED, byProvider);
        SpanCost trailingZeros = span("s2", "1.50", "2.000", "3.500", CostStatus.PRICED, byName);
        SpanCost exponent = span("s3", "1E-12", "0.0000000000000000001", "1.0000000000010000001", CostStatus.PRICED,
                partial);
        SpanCost zero = span("s4", "0", "0.00", "0E-8", CostStatus.PRICED, null);
        SpanCost unpriced = span("s5", null, null, null, CostStatus.UNPRICED, null);
        SpanCost noUsage = span("s6", null, null, null, CostStatus.NO_USAGE, null);
        SpanCost noStatus = span("s7", null, null, null, null, null);
        SpanCost onlyTotal = span("s8", null, null, "0.25", CostStatus.PRICED, byProvider);
        SpanCost escaped = span("span \"q\" \\ \u0001 \u2028", "0.1", "0.2", "0.3", CostStatus.PRICED, byName);
        SpanCost twiceFirst = span("s1", "9", "9", "18", CostStatus.PRICED, null);
        SpanCost twiceUnpriced = span("s1", null, null, null, CostStatus.UNPRICED, null);
        List<List<SpanCost>> spanLists = new ArrayList<>();
        spanLists.add(null);
        spanLists.add(List.of());
        spanLists.add(List.of(priced));
        spanLists.add(List.of(priced, trailingZeros, exponent, zero));
        spanLists.add(List.of(priced, unpriced, noUsage, noStatus));
        spanLists.add(List.of(unpriced, noUsage));
        spanLists.add(List.of(onlyTotal, escaped, unpriced));
        spanLists.add(List.of(twiceFirst, trailingZeros, priced));
        spanLists.add(List.of(priced, twiceUnpriced));
        spanLists.add(List.of(noUsage));
        List<List<String>> models = new ArrayList<>();
        models.add(null);
        models.add(List.of());
        models.add(List.of("gpt-x", "we\"ird, model"));
        List<TraceCostEvent> events = new ArrayList<>();
        int n = 0;
        for (List<SpanCost> spans : spanLists) {
            for (List<String> unpricedModels : models) {
                for (CostStatus status : CostStatus.values()) {
                    boolean known = n % 2 == 0;
                    events.add(new TraceCostEvent(1, "tr-" + "0".repeat(31) + (n % 10), n, 100L * n, 7L * n,
                            107L * n + (n % 3), n % 5, Long.MAX_VALUE - n, 3,
                            known ? new BigDecimal("0.0012" + "0".repeat(n % 4)) : null,
                            known ? new BigDecimal(n + "E-" + (n % 9)) : null,
                            known ? new BigDecimal("123456789012345678.000000001").add(BigDecimal.valueOf(n)) : null,
                            status, unpricedModels, spans, "v1", Instant.EPOCH));
                    n++;
                }
            }
        }
        events.add(new TraceCostEvent(1, "tr-" + "a".repeat(32), 0, 0, 0, 0, 0, 0, 0, null, null,
                new BigDecimal("-0.5"), CostStatus.PRICED, null, List.of(priced), null, null));
        return events;
    }

    private static SpanCost span(String id, String input, String output, String total, CostStatus status,
            PricedBy pricedBy) {
        return new SpanCost(id, "anthropic", "m", TokenUsage.of(1, 2), decimal(input), decimal(output),
                decimal(total), status, pricedBy);
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    // the code the texts came from before: trees, written with the mapper

    private static String referenceMetadata(TraceCostEvent e) throws JsonProcessingException {
        Map<String, String> metadata = new LinkedHashMap<>();
        ObjectNode usage = MAPPER.createObjectNode().put("input_tokens", e.inputTokens())
                .put("output_tokens", e.outputTokens()).put("total_tokens", e.totalTokens())
                .put("cache_read_input_tokens", e.cacheReadInputTokens())
                .put("cache_creation_input_tokens", e.cacheCreationInputTokens());
        metadata.put(MlflowKeys.TRACE_TOKEN_USAGE, MAPPER.writeValueAsString(usage));
        if (e.totalCost() != null) {
            metadata.put(MlflowKeys.TRACE_COST,
                    MAPPER.writeValueAsString(costs(e.inputCost(), e.outputCost(), e.totalCost())));
        }
        metadata.put(TraceCostRecord.TRACE_COST_STATUS, e.costStatus().name());
        if (e.totalCost() == null && e.spans() != null) {
            BigDecimal known = e.spans().stream().map(SpanCost::totalCost).filter(Objects::nonNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            long unpriced = e.spans().stream().filter(s -> s.totalCost() == null && s.costStatus() != null
                    && s.costStatus() != CostStatus.NO_USAGE).count();
            metadata.put(TraceCostRecord.TRACE_KNOWN_COST, known.toPlainString());
            metadata.put(TraceCostRecord.TRACE_UNPRICED_CALLS, Long.toString(unpriced));
            if (e.unpricedModels() != null && !e.unpricedModels().isEmpty()) {
                metadata.put(TraceCostRecord.TRACE_UNPRICED_MODELS, String.join(",", e.unpricedModels()));
            }
        }
        return MAPPER.writeValueAsString(metadata);
    }

    private static String referenceSpanCosts(TraceCostEvent e) throws JsonProcessingException {
        ObjectNode spans = MAPPER.createObjectNode();
        if (e.spans() != null) {
            for (SpanCost span : e.spans()) {
                if (span.totalCost() != null) {
                    ObjectNode cost = costs(span.inputCost(), span.outputCost(), span.totalCost());
                    if (span.pricedBy() != null) {
                        cost.set(TraceCostRecord.PRICED_BY, MAPPER.valueToTree(span.pricedBy()));
                    }
                    spans.set(span.spanId(), cost);
                }
            }
        }
        return MAPPER.writeValueAsString(spans);
    }

    private static ObjectNode costs(BigDecimal input, BigDecimal output, BigDecimal total) {
        return MAPPER.createObjectNode().put("input_cost", input).put("output_cost", output).put("total_cost", total);
    }
}
