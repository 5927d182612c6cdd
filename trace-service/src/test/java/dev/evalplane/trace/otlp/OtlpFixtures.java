package dev.evalplane.trace.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.SpanEvent;

/** Test resources under {@code otlp/} and the JSON view used to compare SpanEvents with golden files. */
final class OtlpFixtures {

    static final ObjectMapper JSON = EventJson.mapper();

    private OtlpFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = OtlpFixtures.class.getResourceAsStream("/otlp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource otlp/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        try {
            return JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SpanEvents as the JSON that goes on the topic, re-read so number node types compare like a parsed file. */
    static JsonNode asJson(List<SpanEvent> events) {
        try {
            return JSON.readTree(JSON.writeValueAsString(events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Paths where two JSON trees differ (empty when equal). Numbers compare by value, so 0.0 equals 0 and an int
     * node equals a long node; object key order does not matter.
     */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        diff("$", expected, actual, out);
        return out;
    }

    private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(path + ": expected " + expected + " but was " + actual);
            }
        } else if (expected.isObject() && actual.isObject()) {
            for (Iterator<String> it = expected.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (!actual.has(field)) {
                    out.add(path + "." + field + ": missing");
                } else {
                    diff(path + "." + field, expected.get(field), actual.get(field), out);
                }
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (!expected.has(field)) {
                    out.add(path + "." + field + ": unexpected " + actual.get(field));
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                diff(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": expected " + expected + " but was " + actual);
        }
    }
}
