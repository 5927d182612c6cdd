package dev.evalplane.events;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Text as PostgreSQL can store it. {@code text} and {@code jsonb} cannot hold NUL ({@code \u0000}), a lone UTF-16
 * surrogate has no UTF-8 form, and JSON has no NaN or Infinity: such a record would be rejected by the database
 * after it was accepted. Every service replaces them the same way before storing: NUL and each lone surrogate become
 * U+FFFD (the Unicode replacement character), a non-finite number becomes its name as a string ("NaN", "Infinity",
 * "-Infinity"), a decimal with an exponent beyond ±1000 becomes its text ("1E+100000"). Values that need nothing are returned as they are (same instance).
 */
public final class StoredText {

    public static final char REPLACEMENT = '\uFFFD';
    /** A decimal beyond this exponent (e.g. 1e100000) cannot be written as a plain number: it is kept as text. */
    public static final int MAX_DECIMAL_SCALE = 1000;

    /** True when {@code s} holds a NUL or a lone surrogate. */
    public static boolean needsCleaning(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return true;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    public static String clean(String s) {
        if (!needsCleaning(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (c == '\0' || Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A JSON value with every string and field name cleaned and non-finite numbers as strings. The node's type is
     * asked once: each {@code isX()} is a call the JIT cannot bind on nodes of many classes, and asking up to six of
     * them of every node of every span was a tenth of the OTLP door's CPU (bench/RESULTS.md, otlp door, session 19).
     */
    public static JsonNode clean(JsonNode node) {
        if (node == null) {
            return null;
        }
        return switch (node.getNodeType()) {
            case STRING -> needsCleaning(node.textValue()) ? TextNode.valueOf(clean(node.textValue())) : node;
            case NUMBER -> cleanNumber(node);
            case ARRAY -> cleanArray((ArrayNode) node);
            case OBJECT -> cleanObject((ObjectNode) node);
            default -> node;
        };
    }

    private static JsonNode cleanNumber(JsonNode number) {
        if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
            return TextNode.valueOf(String.valueOf(number.doubleValue()));
        }
        if (number.isBigDecimal() && Math.abs(number.decimalValue().scale()) > MAX_DECIMAL_SCALE) {
            return TextNode.valueOf(number.decimalValue().toString());
        }
        return number;
    }

    private static JsonNode cleanArray(ArrayNode array) {
        for (int i = 0, n = array.size(); i < n; i++) {
            JsonNode element = array.get(i);
            JsonNode cleaned = clean(element);
            if (cleaned != element) {
                array.set(i, cleaned);
            }
        }
        return array;
    }

    /**
     * Where a request body holds text that cannot be stored (NUL or a lone surrogate, in a value or a field name):
     * the field path, e.g. {@code metadata.k} or {@code data[2].inputs}; null when there is none. For APIs that
     * refuse such input with a 400 naming the field rather than storing U+FFFD.
     */
    public static String firstUnstorable(JsonNode node) {
        return firstUnstorable(node, "");
    }

    private static String firstUnstorable(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return needsCleaning(node.textValue()) ? (path.isEmpty() ? "the body" : path) : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = firstUnstorable(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? clean(field.getKey()) : path + "." + clean(field.getKey());
                if (needsCleaning(field.getKey())) {
                    return child + " (its name)";
                }
                String found = firstUnstorable(field.getValue(), child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public static Map<String, String> cleanStrings(Map<String, String> map) {
        if (map == null || map.entrySet().stream().noneMatch(e -> needsCleaning(e.getKey()) || needsCleaning(e.getValue()))) {
            return map;
        }
        Map<String, String> cleaned = new LinkedHashMap<>();
        map.forEach((k, v) -> cleaned.put(clean(k), clean(v)));
        return cleaned;
    }

    /**
     * The map with every key and value cleaned; the same instance when nothing needed it (a copy is made only from
     * the first entry that changes: this runs for every span the OTLP door publishes).
     */
    public static Map<String, JsonNode> cleanValues(Map<String, JsonNode> map) {
        if (map == null) {
            return null;
        }
        Map<String, JsonNode> cleaned = null;
        int index = 0;
        for (Map.Entry<String, JsonNode> e : map.entrySet()) {
            String key = clean(e.getKey());
            JsonNode value = clean(e.getValue());
            if (cleaned == null && (key != e.getKey() || value != e.getValue())) {
                cleaned = new LinkedHashMap<>();
                int copied = 0;
                for (Map.Entry<String, JsonNode> earlier : map.entrySet()) {
                    if (copied++ == index) {
                        break;
                    }
                    cleaned.put(earlier.getKey(), earlier.getValue());
                }
            }
            if (cleaned != null) {
                cleaned.put(key, value);
            }
            index++;
        }
        return cleaned == null ? map : cleaned;
    }

    public static List<JsonNode> cleanAll(List<JsonNode> values) {
        if (values == null) {
            return null;
        }
        List<JsonNode> cleaned = new ArrayList<>(values.size());
        boolean changed = false;
        for (JsonNode value : values) {
            JsonNode c = clean(value);
            changed |= c != value;
            cleaned.add(c);
        }
        return changed ? cleaned : values;
    }

    private static JsonNode cleanObject(ObjectNode object) {
        List<String> renamed = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode cleaned = clean(field.getValue());
            if (cleaned != field.getValue()) {
                field.setValue(cleaned);
            }
            if (needsCleaning(field.getKey())) {
                if (renamed == null) {
                    renamed = new ArrayList<>();
                }
                renamed.add(field.getKey());
            }
        }
        if (renamed != null) {
            for (String key : renamed) {
                object.set(clean(key), object.remove(key));
            }
        }
        return object;
    }

    private StoredText() {
    }
}
