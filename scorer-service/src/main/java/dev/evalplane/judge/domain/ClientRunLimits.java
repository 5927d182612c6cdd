package dev.evalplane.judge.domain;

import java.util.List;
import java.util.Map;

/**
 * The bounds of what a client writes to its run, MLflow's own: keys of at most 250 characters, param values of at
 * most 6000, tag values of at most 8000, at most 1000 metrics, 100 params and 100 tags per request, finite metric
 * values. A violation is an IllegalArgumentException whose message names the field.
 */
final class ClientRunLimits {

    static final int MAX_KEY = 250;
    static final int MAX_NAME = 500;
    static final int MAX_PARAM_VALUE = 6000;
    static final int MAX_TAG_VALUE = 8000;
    static final int MAX_METRICS = 1000;
    static final int MAX_PARAMS = 100;
    static final int MAX_TAGS = 100;

    static void id(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_KEY || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " is required: a non-empty string of at most " + MAX_KEY
                    + " characters");
        }
    }

    static void optionalText(String field, String value, int max) {
        if (value != null && (value.length() > max || value.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters, without NUL");
        }
    }

    static void time(String field, Long ms) {
        if (ms != null && ms < 0) {
            throw new IllegalArgumentException(field + " must be milliseconds since the epoch, got " + ms);
        }
    }

    static Map<String, Double> metrics(Map<String, Double> metrics) {
        Map<String, Double> out = metrics == null ? Map.of() : metrics;
        if (out.size() > MAX_METRICS) {
            throw new IllegalArgumentException("at most " + MAX_METRICS + " metrics per request, got " + out.size());
        }
        out.forEach((key, value) -> {
            key("metrics", key);
            if (value == null || value.isNaN() || value.isInfinite()) {
                throw new IllegalArgumentException("metric '" + key + "' must be a finite number, got " + value);
            }
        });
        return out;
    }

    static Map<String, String> params(Map<String, String> params) {
        return strings("params", params, MAX_PARAMS, MAX_PARAM_VALUE);
    }

    static Map<String, String> tags(Map<String, String> tags) {
        return strings("tags", tags, MAX_TAGS, MAX_TAG_VALUE);
    }

    static List<String> keys(String field, List<String> keys) {
        List<String> out = keys == null ? List.of() : keys;
        if (out.size() > MAX_TAGS) {
            throw new IllegalArgumentException("at most " + MAX_TAGS + " " + field + " per request");
        }
        out.forEach(k -> key(field, k));
        return out;
    }

    private static Map<String, String> strings(String field, Map<String, String> values, int maxEntries, int maxValue) {
        Map<String, String> out = values == null ? Map.of() : values;
        if (out.size() > maxEntries) {
            throw new IllegalArgumentException("at most " + maxEntries + " " + field + " per request, got " + out.size());
        }
        out.forEach((key, value) -> {
            key(field, key);
            if (value == null || value.length() > maxValue || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(field + " '" + key + "' must be a string of at most " + maxValue
                        + " characters, without NUL");
            }
        });
        return out;
    }

    private static void key(String field, String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + ": every key must be a non-empty string of at most " + MAX_KEY
                    + " characters, without NUL");
        }
    }

    private ClientRunLimits() {
    }
}
