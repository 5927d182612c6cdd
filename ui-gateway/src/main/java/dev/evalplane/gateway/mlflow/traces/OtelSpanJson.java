package dev.evalplane.gateway.mlflow.traces;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored span as the OpenTelemetry span message MLflow's {@code Trace} carries (the JSON form the MLflow server
 * answers): ids as base64 bytes, nanosecond times, attributes as AnyValue trees. The client decodes every attribute
 * and re-encodes it as JSON, so the MLflow attributes evalplane keeps apart (type, inputs, outputs, the normalised
 * LLM block) are put back: {@code mlflow.spanType}, {@code mlflow.spanInputs}, {@code mlflow.spanOutputs},
 * {@code mlflow.chat.tokenUsage}, {@code mlflow.llm.model}, {@code mlflow.llm.provider}; {@code mlflow.llm.cost}
 * is already there once cost-service priced the span.
 */
final class OtelSpanJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static ObjectNode of(ServiceTraces.Span span) {
        ObjectNode json = NODES.objectNode();
        json.put("trace_id", bytes(span.traceId().startsWith("tr-") ? span.traceId().substring(3) : span.traceId()));
        json.put("span_id", bytes(span.spanId()));
        if (span.parentSpanId() != null && !span.parentSpanId().isEmpty()) {
            json.put("parent_span_id", bytes(span.parentSpanId()));
        }
        json.put("name", span.name());
        json.put("start_time_unix_nano", span.startTimeNs());
        json.put("end_time_unix_nano", span.endTimeNs());
        ArrayNode attributes = json.putArray("attributes");
        for (Map.Entry<String, JsonNode> attribute : attributes(span).entrySet()) {
            attributes.add(keyValue(attribute.getKey(), attribute.getValue()));
        }
        if (span.events() != null && span.events().isArray()) {
            ArrayNode events = json.putArray("events");
            for (JsonNode event : span.events()) {
                ObjectNode e = events.addObject();
                e.put("name", event.path("name").asText(""));
                e.put("time_unix_nano", event.path("time_unix_nano").asLong(0));
                ArrayNode eventAttributes = e.putArray("attributes");
                event.path("attributes").fields().forEachRemaining(a -> eventAttributes.add(keyValue(a.getKey(), a.getValue())));
            }
        }
        ObjectNode status = json.putObject("status");
        String code = span.status() == null || span.status().code() == null ? "UNSET" : span.status().code();
        status.put("code", "STATUS_CODE_" + code);
        if (span.status() != null && span.status().message() != null && !span.status().message().isEmpty()) {
            status.put("message", span.status().message());
        }
        return json;
    }

    private static Map<String, JsonNode> attributes(ServiceTraces.Span span) {
        Map<String, JsonNode> attributes = new java.util.LinkedHashMap<>();
        attributes.put("mlflow.traceRequestId", NODES.textNode(span.traceId()));
        if (span.spanType() != null) {
            attributes.put("mlflow.spanType", NODES.textNode(span.spanType()));
        }
        if (span.attributes() != null && span.attributes().isObject()) {
            span.attributes().fields().forEachRemaining(a -> attributes.put(a.getKey(), a.getValue()));
        }
        putIfValue(attributes, "mlflow.spanInputs", span.inputs());
        putIfValue(attributes, "mlflow.spanOutputs", span.outputs());
        JsonNode llm = span.llm();
        if (llm != null && llm.isObject()) {
            attributes.putIfAbsent("mlflow.llm.model", llm.path("model").isTextual() ? llm.get("model") : null);
            attributes.putIfAbsent("mlflow.llm.provider", llm.path("provider").isTextual() ? llm.get("provider") : null);
            if (llm.path("usage").isObject()) {
                attributes.putIfAbsent("mlflow.chat.tokenUsage", llm.get("usage"));
            }
        }
        attributes.values().removeIf(v -> v == null);
        return attributes;
    }

    private static void putIfValue(Map<String, JsonNode> attributes, String key, JsonNode value) {
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            attributes.put(key, value);
        }
    }

    private static ObjectNode keyValue(String key, JsonNode value) {
        ObjectNode kv = NODES.objectNode();
        kv.put("key", key);
        kv.set("value", anyValue(value));
        return kv;
    }

    /** JSON → OpenTelemetry AnyValue (null → an empty AnyValue, which the client reads as None). */
    static ObjectNode anyValue(JsonNode value) {
        ObjectNode any = NODES.objectNode();
        if (value == null || value.isNull() || value.isMissingNode()) {
            return any;
        }
        if (value.isTextual()) {
            any.put("string_value", value.textValue());
        } else if (value.isBoolean()) {
            any.put("bool_value", value.booleanValue());
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            any.put("int_value", value.longValue());
        } else if (value.isNumber()) {
            any.put("double_value", value.doubleValue());
        } else if (value.isArray()) {
            ArrayNode values = any.putObject("array_value").putArray("values");
            value.forEach(v -> values.add(anyValue(v)));
        } else if (value.isObject()) {
            ArrayNode values = any.putObject("kvlist_value").putArray("values");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                values.add(keyValue(field.getKey(), field.getValue()));
            }
        } else {
            any.put("string_value", value.asText());
        }
        return any;
    }

    private static String bytes(String hex) {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            return Base64.getEncoder().encodeToString(hex.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private OtelSpanJson() {
    }
}
