package dev.evalplane.judge.tools;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading tool arguments (what a model sends is not always well-typed) and writing their JSON Schema. */
final class ToolArgs {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static String requiredText(JsonNode args, String field) {
        JsonNode v = args == null ? null : args.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("missing required argument '" + field + "'");
        }
        return v.asText();
    }

    /** An integer argument (numbers given as strings accepted) clamped to [min, max]; the default when absent. */
    static int integer(JsonNode args, String field, int fallback, int min, int max) {
        JsonNode v = args == null ? null : args.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return fallback;
        }
        int value;
        if (v.canConvertToInt() && v.isNumber()) {
            value = v.asInt();
        } else {
            try {
                value = Integer.parseInt(v.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("argument '" + field + "' must be an integer, got " + v);
            }
        }
        return Math.max(min, Math.min(max, value));
    }

    static List<String> texts(JsonNode args, String field) {
        JsonNode v = args == null ? null : args.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(item -> out.add(item.asText()));
        } else {
            out.add(v.asText());
        }
        return out;
    }

    /** {@code {"type": "object", "properties": {...}, "required": [...]}} */
    static ObjectNode schema(ObjectNode properties, String... required) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.set("properties", properties);
        var req = schema.putArray("required");
        for (String r : required) {
            req.add(r);
        }
        return schema;
    }

    static ObjectNode property(String type, String description) {
        return NODES.objectNode().put("type", type).put("description", description);
    }

    private ToolArgs() {
    }
}
