package dev.evalplane.judge.scorer.code;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a code check's parameters from {@code {"code": {"type": ..., ...}}} with 400-ready messages: unknown fields,
 * wrong types and missing required fields are IllegalArgumentExceptions naming the check and the field.
 */
final class CheckParams {

    static final Set<String> COMMON = Set.of("type", "name", "aggregations");

    private final JsonNode spec;
    private final String type;

    CheckParams(JsonNode spec, String type) {
        this.spec = spec;
        this.type = type;
    }

    /** Rejects fields this check does not know. */
    CheckParams allow(String... fields) {
        Set<String> allowed = new java.util.TreeSet<>(COMMON);
        allowed.addAll(List.of(fields));
        spec.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw bad("unknown field \"" + f + "\"; allowed: " + allowed);
            }
        });
        return this;
    }

    String text(String field) {
        JsonNode v = spec.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw bad("\"" + field + "\" must be a non-empty string");
        }
        return v.asText();
    }

    boolean flag(String field, boolean fallback) {
        JsonNode v = spec.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw bad("\"" + field + "\" must be true or false");
        }
        return v.asBoolean();
    }

    /** A non-empty list of non-empty strings, or null when absent. */
    List<String> texts(String field) {
        JsonNode v = spec.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.isEmpty()) {
            throw bad("\"" + field + "\" must be a non-empty list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw bad("\"" + field + "\" must be a non-empty list of strings");
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    /** A positive whole number of milliseconds, or null when absent. */
    Long millis(String field) {
        JsonNode v = spec.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() <= 0) {
            throw bad("\"" + field + "\" must be a positive whole number of milliseconds");
        }
        return v.asLong();
    }

    /** {@code {"<span name>": ms, ...}}; empty when absent. */
    Map<String, Long> millisByName(String field) {
        JsonNode v = spec.get(field);
        Map<String, Long> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw bad("\"" + field + "\" must be an object of span name to milliseconds");
        }
        v.properties().forEach(e -> {
            if (!e.getValue().isIntegralNumber() || e.getValue().asLong() <= 0) {
                throw bad("\"" + field + "\"." + e.getKey() + " must be a positive whole number of milliseconds");
            }
            out.put(e.getKey(), e.getValue().asLong());
        });
        return out;
    }

    String oneOf(String field, List<String> allowed, String fallback) {
        String v = text(field);
        if (v == null) {
            return fallback;
        }
        if (!allowed.contains(v)) {
            throw bad("\"" + field + "\" must be one of " + allowed + ", got \"" + v + "\"");
        }
        return v;
    }

    IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("code scorer " + type + ": " + message);
    }
}
