package dev.evalplane.trace.messaging;

import static com.fasterxml.jackson.core.JsonParser.NumberType.INT;
import static com.fasterxml.jackson.core.JsonParser.NumberType.LONG;
import static dev.evalplane.events.PlainTokens.decimal;
import static dev.evalplane.events.PlainTokens.integral;
import static dev.evalplane.events.PlainTokens.present;
import static dev.evalplane.events.PlainTokens.string;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.PlainTokens.NotPlain;
import dev.evalplane.events.PlainTokens.Seen;
import dev.evalplane.events.PricedBy;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.events.TraceCostEvent;

/**
 * A {@code trace-costs} record read straight from the parser's tokens, not through the bean deserializers (a
 * property-based creator per event, per span cost, per usage and per price entry: 16% of trace-service's event loop
 * under ingestion, bench/RESULTS.md session 20). It takes only the plain shape cost-service writes: each field once and
 * known, with its JSON type (strings or null, integral numbers for the counts, numbers or null for the costs, a
 * status by its name, an ISO instant, arrays of strings and of objects), nothing after the object. On anything else,
 * or on malformed JSON, it gives up ({@link NotPlain}) and the record is read in full ({@code full}): that reading
 * decides, as before, what the record is or why it is refused, so both readings give the same event for every record.
 */
final class TraceCostEventReading implements Function<String, TraceCostEvent> {

    private final JsonFactory factory;
    private final UnaryOperator<TraceCostEvent> validation;
    private final Function<String, TraceCostEvent> full;

    /** {@code full} reads and validates a record; a plain record read here is validated by {@code validation}. */
    TraceCostEventReading(JsonFactory factory, UnaryOperator<TraceCostEvent> validation,
            Function<String, TraceCostEvent> full) {
        this.factory = factory;
        this.validation = validation;
        this.full = full;
    }

    @Override
    public TraceCostEvent apply(String payload) {
        if (payload != null) {
            try (JsonParser p = factory.createParser(payload)) {
                TraceCostEvent event = event(p);
                if (p.nextToken() == null) {
                    return validation.apply(event);
                }
            } catch (NotPlain | IOException | DateTimeParseException | IllegalArgumentException e) {
                // read in full below
            }
        }
        return full.apply(payload);
    }

    private static TraceCostEvent event(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new NotPlain();
        }
        int schemaVersion = 0;
        String traceId = null;
        long version = 0;
        long inputTokens = 0;
        long outputTokens = 0;
        long totalTokens = 0;
        long cacheReadInputTokens = 0;
        long cacheCreationInputTokens = 0;
        long reasoningTokens = 0;
        BigDecimal inputCost = null;
        BigDecimal outputCost = null;
        BigDecimal totalCost = null;
        CostStatus costStatus = null;
        List<String> unpricedModels = null;
        List<SpanCost> spans = null;
        String priceTableVersion = null;
        Instant computedAt = null;
        Seen seen = new Seen();
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String field = fieldName(p);
            JsonToken token = p.nextToken();
            switch (field) {
                case "schema_version" -> schemaVersion = (int) integral(p, seen.once(0, token), INT);
                case "trace_id" -> traceId = string(p, seen.once(1, token));
                case "version" -> version = integral(p, seen.once(2, token), LONG);
                case "input_tokens" -> inputTokens = integral(p, seen.once(3, token), LONG);
                case "output_tokens" -> outputTokens = integral(p, seen.once(4, token), LONG);
                case "total_tokens" -> totalTokens = integral(p, seen.once(5, token), LONG);
                case "cache_read_input_tokens" -> cacheReadInputTokens = integral(p, seen.once(6, token), LONG);
                case "cache_creation_input_tokens" ->
                    cacheCreationInputTokens = integral(p, seen.once(7, token), LONG);
                case "reasoning_tokens" -> reasoningTokens = integral(p, seen.once(8, token), LONG);
                case "input_cost" -> inputCost = decimal(p, seen.once(9, token));
                case "output_cost" -> outputCost = decimal(p, seen.once(10, token));
                case "total_cost" -> totalCost = decimal(p, seen.once(11, token));
                case "cost_status" -> costStatus = status(p, seen.once(12, token));
                case "unpriced_models" -> unpricedModels = strings(p, seen.once(13, token));
                case "spans" -> spans = spans(p, seen.once(14, token));
                case "price_table_version" -> priceTableVersion = string(p, seen.once(15, token));
                case "computed_at" -> computedAt = instant(p, seen.once(16, token));
                default -> throw new NotPlain();
            }
        }
        return new TraceCostEvent(schemaVersion, traceId, version, inputTokens, outputTokens, totalTokens,
                cacheReadInputTokens, cacheCreationInputTokens, reasoningTokens, inputCost, outputCost, totalCost,
                costStatus, unpricedModels, spans, priceTableVersion, computedAt);
    }

    private static List<SpanCost> spans(JsonParser p, JsonToken token) throws IOException {
        if (!present(token, JsonToken.START_ARRAY)) {
            return null;
        }
        List<SpanCost> spans = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            spans.add(span(p, t));
        }
        return spans;
    }

    private static SpanCost span(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new NotPlain();
        }
        String spanId = null;
        String provider = null;
        String model = null;
        TokenUsage usage = null;
        BigDecimal inputCost = null;
        BigDecimal outputCost = null;
        BigDecimal totalCost = null;
        CostStatus costStatus = null;
        PricedBy pricedBy = null;
        Seen seen = new Seen();
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String field = fieldName(p);
            JsonToken t = p.nextToken();
            switch (field) {
                case "span_id" -> spanId = string(p, seen.once(0, t));
                case "provider" -> provider = string(p, seen.once(1, t));
                case "model" -> model = string(p, seen.once(2, t));
                case "usage" -> usage = usage(p, seen.once(3, t));
                case "input_cost" -> inputCost = decimal(p, seen.once(4, t));
                case "output_cost" -> outputCost = decimal(p, seen.once(5, t));
                case "total_cost" -> totalCost = decimal(p, seen.once(6, t));
                case "cost_status" -> costStatus = status(p, seen.once(7, t));
                case "priced_by" -> pricedBy = pricedBy(p, seen.once(8, t));
                default -> throw new NotPlain();
            }
        }
        return new SpanCost(spanId, provider, model, usage, inputCost, outputCost, totalCost, costStatus, pricedBy);
    }

    private static TokenUsage usage(JsonParser p, JsonToken token) throws IOException {
        if (!present(token, JsonToken.START_OBJECT)) {
            return null;
        }
        Long[] counts = new Long[7];
        Seen seen = new Seen();
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String field = fieldName(p);
            JsonToken t = p.nextToken();
            int index = switch (field) {
                case "input_tokens" -> 0;
                case "output_tokens" -> 1;
                case "total_tokens" -> 2;
                case "cache_read_input_tokens" -> 3;
                case "cache_creation_input_tokens" -> 4;
                case "reasoning_tokens" -> 5;
                case "cache_creation_1h_input_tokens" -> 6;
                default -> throw new NotPlain();
            };
            counts[index] = seen.once(index, t) == JsonToken.VALUE_NULL ? null : integral(p, t, LONG);
        }
        return new TokenUsage(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]);
    }

    private static PricedBy pricedBy(JsonParser p, JsonToken token) throws IOException {
        if (!present(token, JsonToken.START_OBJECT)) {
            return null;
        }
        String priceKey = null;
        String priceSource = null;
        String match = null;
        Seen seen = new Seen();
        while (p.nextToken() != JsonToken.END_OBJECT) {
            String field = fieldName(p);
            JsonToken t = p.nextToken();
            switch (field) {
                case "price_key" -> priceKey = string(p, seen.once(0, t));
                case "price_source" -> priceSource = string(p, seen.once(1, t));
                case "match" -> match = string(p, seen.once(2, t));
                default -> throw new NotPlain();
            }
        }
        return new PricedBy(priceKey, priceSource, match);
    }

    private static String fieldName(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.FIELD_NAME) {
            throw new NotPlain();
        }
        return p.currentName();
    }

    /** A status by its exact name, or null. */
    private static CostStatus status(JsonParser p, JsonToken token) throws IOException {
        if (!present(token, JsonToken.VALUE_STRING)) {
            return null;
        }
        return switch (p.getText()) {
            case "PRICED" -> CostStatus.PRICED;
            case "PARTIALLY_PRICED" -> CostStatus.PARTIALLY_PRICED;
            case "UNPRICED" -> CostStatus.UNPRICED;
            case "NO_USAGE" -> CostStatus.NO_USAGE;
            default -> throw new NotPlain();
        };
    }

    /** An array of strings (no null in it), or null. */
    private static List<String> strings(JsonParser p, JsonToken token) throws IOException {
        if (!present(token, JsonToken.START_ARRAY)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_STRING) {
                throw new NotPlain();
            }
            values.add(p.getText());
        }
        return values;
    }

    /** An instant in ISO form ({@code 2026-12-01T22:41:40.123Z}), or null. */
    private static Instant instant(JsonParser p, JsonToken token) throws IOException {
        if (!present(token, JsonToken.VALUE_STRING)) {
            return null;
        }
        String text = p.getText();
        if (text.length() < 20 || text.charAt(10) != 'T' || text.charAt(text.length() - 1) != 'Z') {
            throw new NotPlain();
        }
        return Instant.parse(text);
    }
}
