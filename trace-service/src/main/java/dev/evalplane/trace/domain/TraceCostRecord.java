package dev.evalplane.trace.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.TraceCostEvent;

/**
 * A trace cost as stored: the event plus what it contributes on read: trace metadata
 * ({@code mlflow.trace.tokenUsage}, {@code mlflow.trace.cost} when the total is known, {@code evalplane.trace.costStatus})
 * and {@code mlflow.llm.cost} per priced span (with the price entry that priced it, {@code evalplane.llm.pricedBy}).
 * The judge metadata of every assessment whose judge trace this is comes from the event's own columns on read (view
 * {@code assessments_effective}).
 * Decimals are written as exact plain numbers.
 */
public record TraceCostRecord(TraceCostEvent event, Map<String, String> metadataPatch, ObjectNode spanCosts) {

    public static final String TRACE_COST_STATUS = "evalplane.trace.costStatus";
    /** While the total is unknown: the exact sum of the priced calls, how many are not priced, and their models. */
    public static final String TRACE_KNOWN_COST = "evalplane.trace.knownCost";
    public static final String TRACE_UNPRICED_CALLS = "evalplane.trace.unpricedCalls";
    public static final String TRACE_UNPRICED_MODELS = "evalplane.trace.unpricedModels";
    /** Beside a span's costs in {@code span_costs}; served as the span attribute {@code evalplane.llm.pricedBy}. */
    public static final String PRICED_BY = "priced_by";

    public static TraceCostRecord of(TraceCostEvent e, ObjectMapper mapper) {
        Map<String, String> metadata = new LinkedHashMap<>();
        ObjectNode usage = mapper.createObjectNode().put("input_tokens", e.inputTokens())
                .put("output_tokens", e.outputTokens()).put("total_tokens", e.totalTokens())
                .put("cache_read_input_tokens", e.cacheReadInputTokens())
                .put("cache_creation_input_tokens", e.cacheCreationInputTokens());
        metadata.put(MlflowKeys.TRACE_TOKEN_USAGE, write(mapper, usage));
        if (e.totalCost() != null) {
            metadata.put(MlflowKeys.TRACE_COST, write(mapper, costs(mapper, e.inputCost(), e.outputCost(), e.totalCost())));
        }
        metadata.put(TRACE_COST_STATUS, e.costStatus().name());
        if (e.totalCost() == null && e.spans() != null) {
            // what is known while the total is not: the exact spend of the priced calls, and what lacks a price
            BigDecimal known = e.spans().stream().map(SpanCost::totalCost).filter(Objects::nonNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            long unpriced = e.spans().stream().filter(s -> s.totalCost() == null && s.costStatus() != null
                    && s.costStatus() != CostStatus.NO_USAGE).count();
            metadata.put(TRACE_KNOWN_COST, known.toPlainString());
            metadata.put(TRACE_UNPRICED_CALLS, Long.toString(unpriced));
            if (e.unpricedModels() != null && !e.unpricedModels().isEmpty()) {
                metadata.put(TRACE_UNPRICED_MODELS, String.join(",", e.unpricedModels()));
            }
        }

        ObjectNode spans = mapper.createObjectNode();
        if (e.spans() != null) {
            for (SpanCost span : e.spans()) {
                if (span.totalCost() != null) {
                    ObjectNode cost = costs(mapper, span.inputCost(), span.outputCost(), span.totalCost());
                    if (span.pricedBy() != null) {
                        cost.set(PRICED_BY, mapper.valueToTree(span.pricedBy()));
                    }
                    spans.set(span.spanId(), cost);
                }
            }
        }
        return new TraceCostRecord(e, metadata, spans);
    }

    /** JSON text with the mapper's settings: decimals written plain and exact (JsonNode.toString would not). */
    private static String write(ObjectMapper mapper, ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode costs(ObjectMapper mapper, BigDecimal input, BigDecimal output, BigDecimal total) {
        return mapper.createObjectNode().put("input_cost", input).put("output_cost", output).put("total_cost", total);
    }
}
