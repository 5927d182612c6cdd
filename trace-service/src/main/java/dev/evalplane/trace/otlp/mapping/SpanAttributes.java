package dev.evalplane.trace.otlp.mapping;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.MlflowKeys;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * The attributes of one span (or resource) as JSON, with MLflow's JSON-encoded {@code mlflow.*} strings decoded, and
 * typed lookups that tolerate how producers differ (a token count may be an int, a double or a numeric string).
 * Built once per span: MLflow's inputs and outputs ({@code mlflow.spanInputs}/{@code mlflow.spanOutputs}) are kept
 * apart from the other attributes, which are the span's stored attributes as they are ({@link #stored()}).
 */
public final class SpanAttributes {

    private final Map<String, JsonNode> values;
    private final JsonNode inputs;
    private final JsonNode outputs;

    private SpanAttributes(Map<String, JsonNode> values, JsonNode inputs, JsonNode outputs) {
        this.values = values;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public static SpanAttributes of(List<KeyValue> keyValues) {
        Map<String, JsonNode> values = decoded(keyValues);
        JsonNode inputs = values.remove(MlflowKeys.SPAN_INPUTS);
        JsonNode outputs = values.remove(MlflowKeys.SPAN_OUTPUTS);
        return new SpanAttributes(values, inputs, outputs);
    }

    /** Key-values in their order, decoded as a span's attributes are; a repeated key keeps its last value. */
    public static Map<String, JsonNode> decoded(List<KeyValue> keyValues) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.size(); i++) {
            KeyValue kv = keyValues.get(i);
            values.put(kv.getKey(), decoded(kv.getKey(), AnyValues.toJson(kv.getValue())));
        }
        return values;
    }

    private static JsonNode decoded(String key, JsonNode value) {
        return MlflowAttributes.isJsonEncoded(key) && value.isTextual()
                ? JsonText.parse(value.asText()).orElse(value)
                : value;
    }

    /**
     * The attributes but MLflow's inputs and outputs, which the event carries in {@code inputs}/{@code outputs}, in
     * their original order: the span's own map, handed over (the span's attributes are built for one event).
     */
    public Map<String, JsonNode> stored() {
        return values;
    }

    /** {@code mlflow.spanInputs}, decoded; empty when absent or null. */
    Optional<JsonNode> mlflowInputs() {
        return present(inputs);
    }

    /** {@code mlflow.spanOutputs}, decoded; empty when absent or null. */
    Optional<JsonNode> mlflowOutputs() {
        return present(outputs);
    }

    public Optional<JsonNode> node(String key) {
        return present(values.get(key));
    }

    private static Optional<JsonNode> present(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    /** The first of the keys holding a non-blank scalar, as text. */
    public Optional<String> text(String... keys) {
        for (String key : keys) {
            JsonNode node = values.get(key);
            if (node != null && !node.isNull() && node.isValueNode()) {
                String text = node.asText().trim();
                if (!text.isEmpty()) {
                    return Optional.of(text);
                }
            }
        }
        return Optional.empty();
    }

    /** The first of the keys holding content; strings that hold a JSON object or array are parsed. */
    public Optional<JsonNode> content(String... keys) {
        for (String key : keys) {
            JsonNode node = values.get(key);
            if (node != null && !node.isNull()) {
                return Optional.of(node.isTextual() ? JsonText.structuredOrText(node.asText()) : node);
            }
        }
        return Optional.empty();
    }

    /** The first of the keys holding a non-negative whole number, else null. */
    public Long count(String... keys) {
        for (String key : keys) {
            Long count = toCount(values.get(key));
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
