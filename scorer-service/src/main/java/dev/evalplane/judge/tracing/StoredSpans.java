package dev.evalplane.judge.tracing;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading spans of a stored trace, tolerant of both our SpanEvent names and MLflow's span dict names. */
public final class StoredSpans {

    public static String parent(JsonNode span) {
        String parent = span.path("parent_span_id").asText(null);
        if (parent == null) {
            parent = span.path("parent_id").asText(null);
        }
        return parent == null || parent.isEmpty() ? null : parent;
    }

    public static String type(JsonNode span) {
        String type = span.path("span_type").asText(null);
        if (type == null) {
            JsonNode attr = span.path("attributes").path("mlflow.spanType");
            type = attr.isTextual() ? attr.asText().replace("\"", "") : null;
        }
        return type;
    }

    public static boolean isRoot(JsonNode span) {
        return parent(span) == null;
    }

    private StoredSpans() {
    }
}
