package dev.evalplane.trace.domain;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.TraceCostEvent;

/**
 * A trace cost as stored: the event plus what it contributes on read, as the JSON text of its jsonb columns: trace
 * metadata ({@code mlflow.trace.tokenUsage}, {@code mlflow.trace.cost} when the total is known,
 * {@code evalplane.trace.costStatus}) and {@code mlflow.llm.cost} per priced span (with the price entry that priced
 * it, {@code evalplane.llm.pricedBy}). The judge metadata of every assessment whose judge trace this is comes from the
 * event's own columns on read (view {@code assessments_effective}).
 * <p>
 * Both texts are written straight with the mapper's generator (decimals plain and exact), not built as trees and
 * written again: the trace-costs consumer was 6.5% of trace-service's event loop under ingestion (bench/RESULTS.md,
 * session 19). The texts are the ones the trees gave, field for field.
 */
public record TraceCostRecord(TraceCostEvent event, String metadataPatch, String spanCosts) {

    public static final String TRACE_COST_STATUS = "evalplane.trace.costStatus";
    /** While the total is unknown: the exact sum of the priced calls, how many are not priced, and their models. */
    public static final String TRACE_KNOWN_COST = "evalplane.trace.knownCost";
    public static final String TRACE_UNPRICED_CALLS = "evalplane.trace.unpricedCalls";
    public static final String TRACE_UNPRICED_MODELS = "evalplane.trace.unpricedModels";
    /** Beside a span's costs in {@code span_costs}; served as the span attribute {@code evalplane.llm.pricedBy}. */
    public static final String PRICED_BY = "priced_by";

    public static TraceCostRecord of(TraceCostEvent e, ObjectMapper mapper) {
        try {
            return new TraceCostRecord(e, metadataPatch(e, mapper), spanCosts(e, mapper));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static String metadataPatch(TraceCostEvent e, ObjectMapper mapper) throws IOException {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator g = mapper.getFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField(MlflowKeys.TRACE_TOKEN_USAGE, write(mapper, u -> {
                u.writeNumberField("input_tokens", e.inputTokens());
                u.writeNumberField("output_tokens", e.outputTokens());
                u.writeNumberField("total_tokens", e.totalTokens());
                u.writeNumberField("cache_read_input_tokens", e.cacheReadInputTokens());
                u.writeNumberField("cache_creation_input_tokens", e.cacheCreationInputTokens());
            }));
            if (e.totalCost() != null) {
                g.writeStringField(MlflowKeys.TRACE_COST,
                        write(mapper, c -> costs(c, e.inputCost(), e.outputCost(), e.totalCost())));
            }
            g.writeStringField(TRACE_COST_STATUS, e.costStatus().name());
            if (e.totalCost() == null && e.spans() != null) {
                // what is known while the total is not: the exact spend of the priced calls, and what lacks a price
                BigDecimal known = BigDecimal.ZERO;
                long unpriced = 0;
                for (SpanCost s : e.spans()) {
                    if (s.totalCost() != null) {
                        known = known.add(s.totalCost());
                    } else if (s.costStatus() != null && s.costStatus() != CostStatus.NO_USAGE) {
                        unpriced++;
                    }
                }
                g.writeStringField(TRACE_KNOWN_COST, known.toPlainString());
                g.writeStringField(TRACE_UNPRICED_CALLS, Long.toString(unpriced));
                if (e.unpricedModels() != null && !e.unpricedModels().isEmpty()) {
                    g.writeStringField(TRACE_UNPRICED_MODELS, String.join(",", e.unpricedModels()));
                }
            }
            g.writeEndObject();
        }
        return text.toString();
    }

    /** The priced spans' costs by span id; of a span id listed twice the later entry wins, in the first's place. */
    private static String spanCosts(TraceCostEvent e, ObjectMapper mapper) throws IOException {
        if (e.spans() == null || e.spans().isEmpty()) {
            return "{}";
        }
        Map<String, SpanCost> priced = new LinkedHashMap<>();
        for (SpanCost span : e.spans()) {
            if (span.totalCost() != null) {
                priced.put(span.spanId(), span);
            }
        }
        return write(mapper, g -> {
            for (SpanCost span : priced.values()) {
                g.writeObjectFieldStart(span.spanId());
                costs(g, span.inputCost(), span.outputCost(), span.totalCost());
                if (span.pricedBy() != null) {
                    g.writeFieldName(PRICED_BY);
                    mapper.writeValue(g, span.pricedBy());
                }
                g.writeEndObject();
            }
        });
    }

    private static void costs(JsonGenerator g, BigDecimal input, BigDecimal output, BigDecimal total)
            throws IOException {
        decimal(g, "input_cost", input);
        decimal(g, "output_cost", output);
        decimal(g, "total_cost", total);
    }

    private static void decimal(JsonGenerator g, String name, BigDecimal value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    /** One JSON object's text, its fields written by {@code fields}. */
    private static String write(ObjectMapper mapper, Fields fields) throws IOException {
        StringWriter text = new StringWriter(128);
        try (JsonGenerator g = mapper.getFactory().createGenerator(text)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        }
        return text.toString();
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }
}
