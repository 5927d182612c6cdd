package dev.evalplane.trace.otlp.mapping;

import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * OTLP AnyValue to JSON: string, bool, int (as a JSON integer), double, array, kvlist (as an object), bytes (as
 * base64 text, like the proto3 JSON mapping), empty (as null). Non-finite doubles, which JSON cannot hold, become
 * the strings "NaN", "Infinity", "-Infinity".
 */
public final class AnyValues {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AnyValues() {
    }

    public static JsonNode toJson(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> JSON.textNode(value.getStringValue());
            case BOOL_VALUE -> JSON.booleanNode(value.getBoolValue());
            case INT_VALUE -> JSON.numberNode(value.getIntValue());
            case DOUBLE_VALUE -> Double.isFinite(value.getDoubleValue())
                    ? JSON.numberNode(value.getDoubleValue())
                    : JSON.textNode(Double.toString(value.getDoubleValue()));
            case ARRAY_VALUE -> array(value.getArrayValue().getValuesList());
            case KVLIST_VALUE -> object(value.getKvlistValue().getValuesList());
            case BYTES_VALUE -> JSON.textNode(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            default -> JSON.nullNode();
        };
    }

    private static ArrayNode array(List<AnyValue> values) {
        ArrayNode array = JSON.arrayNode(values.size());
        for (int i = 0; i < values.size(); i++) {
            array.add(toJson(values.get(i)));
        }
        return array;
    }

    private static ObjectNode object(List<KeyValue> keyValues) {
        ObjectNode object = JSON.objectNode();
        for (int i = 0; i < keyValues.size(); i++) {
            KeyValue kv = keyValues.get(i);
            object.set(kv.getKey(), toJson(kv.getValue()));
        }
        return object;
    }
}
