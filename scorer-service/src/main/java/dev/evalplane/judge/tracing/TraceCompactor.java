package dev.evalplane.judge.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.SpanEvent;

/**
 * The compact JSON of a trace pasted for {@code {{ trace }}}: trace id, state, and per span its id, parent, name,
 * type, status, inputs and outputs. Long strings are cut, and spans past the character limit are dropped with
 * {@code "truncated": true}, so a huge trace cannot blow the judge's context.
 */
public final class TraceCompactor {

    private static final int MAX_STRING = 4000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** From a stored trace {@code {info, spans}} (trace-service's GET /api/v1/traces/{id}). */
    public static JsonNode fromStored(JsonNode trace, int charLimit) {
        JsonNode info = trace.path("info");
        ObjectNode out = NODES.objectNode();
        out.put("trace_id", info.path("trace_id").asText(null));
        if (info.has("state")) {
            out.set("state", info.get("state"));
        }
        ArrayNode spans = out.putArray("spans");
        int size = out.toString().length();
        for (JsonNode span : trace.path("spans")) {
            ObjectNode compact = NODES.objectNode();
            compact.put("span_id", span.path("span_id").asText(null));
            compact.put("parent_span_id", StoredSpans.parent(span));
            compact.put("name", span.path("name").asText(null));
            compact.put("span_type", StoredSpans.type(span));
            compact.set("status", span.path("status").path("code").isMissingNode() ? null : span.path("status").path("code"));
            compact.set("inputs", cut(span.get("inputs")));
            compact.set("outputs", cut(span.get("outputs")));
            size += compact.toString().length();
            if (size > charLimit) {
                out.put("truncated", true);
                break;
            }
            spans.add(compact);
        }
        return out;
    }

    /** From a data row's own root span. */
    public static JsonNode fromRowSpan(SpanEvent root) {
        ObjectNode out = NODES.objectNode();
        out.put("trace_id", root.traceId());
        out.put("state", "OK");
        ObjectNode span = out.putArray("spans").addObject();
        span.put("span_id", root.spanId());
        span.putNull("parent_span_id");
        span.put("name", root.name());
        span.put("span_type", root.spanType());
        span.put("status", root.status().code());
        span.set("inputs", cut(root.inputs()));
        span.set("outputs", cut(root.outputs()));
        return out;
    }

    private static JsonNode cut(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual() && value.asText().length() > MAX_STRING) {
            return TextNode.valueOf(value.asText().substring(0, MAX_STRING) + "...[cut]");
        }
        if (value.isContainerNode()) {
            JsonNode copy = value.deepCopy();
            if (copy.isObject()) {
                ObjectNode o = (ObjectNode) copy;
                o.properties().forEach(e -> e.setValue(cut(e.getValue())));
            } else {
                ArrayNode a = (ArrayNode) copy;
                for (int i = 0; i < a.size(); i++) {
                    a.set(i, cut(a.get(i)));
                }
            }
            return copy;
        }
        return value;
    }

    private TraceCompactor() {
    }
}
