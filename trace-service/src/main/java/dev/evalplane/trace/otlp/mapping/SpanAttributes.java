package dev.evalplane.trace.otlp.mapping;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * The attributes of one span (or span event, or resource) as JSON, with MLflow's JSON-encoded {@code mlflow.*}
 * strings decoded, and typed lookups that tolerate how producers differ (a token count may be an int, a double or
 * a numeric string).
 */
public final class SpanAttributes {

    private final Map<String, JsonNode> values;

    private SpanAttributes(Map<String, JsonNode> values) {
        this.values = values;
    }

    public static SpanAttributes of(List<KeyValue> keyValues) {
        Map<String, JsonNode> values = AnyValues.toMap(keyValues);
        values.replaceAll((key, value) -> MlflowAttributes.isJsonEncoded(key) && value.isTextual()
                ? JsonText.parse(value.asText()).orElse(value)
                : value);
        return new SpanAttributes(values);
    }

    /** All attributes, decoded, in their original order. */
    public Map<String, JsonNode> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public Optional<JsonNode> node(String key) {
        JsonNode node = values.get(key);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    /** The first of the keys holding a non-blank scalar, as text. */
    public Optional<String> text(String... keys) {
        for (String key : keys) {
            Optional<String> text = node(key).filter(JsonNode::isValueNode).map(JsonNode::asText)
                    .map(String::trim).filter(s -> !s.isEmpty());
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    /** The first of the keys holding content; strings that hold a JSON object or array are parsed. */
    public Optional<JsonNode> content(String... keys) {
        for (String key : keys) {
            Optional<JsonNode> node = node(key);
            if (node.isPresent()) {
                return node.map(n -> n.isTextual() ? JsonText.structuredOrText(n.asText()) : n);
            }
        }
        return Optional.empty();
    }

    /** The first of the keys holding a non-negative whole number, else null. */
    public Long count(String... keys) {
        for (String key : keys) {
            Long count = node(key).map(SpanAttributes::toCount).orElse(null);
            if (count != null) {
                return count;
            }
        }
        return null;
    }

    /** A token count from a JSON number or numeric string; null when absent, fractional or negative. */
    static Long toCount(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            BigDecimal value = node.isNumber() ? node.decimalValue()
                    : node.isTextual() ? new BigDecimal(node.asText().trim()) : null;
            if (value == null || value.signum() < 0) {
                return null;
            }
            return value.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
