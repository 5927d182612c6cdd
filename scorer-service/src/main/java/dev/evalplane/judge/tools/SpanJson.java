package dev.evalplane.judge.tools;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.tracing.StoredSpans;
import dev.evalplane.judge.tracing.TraceView;

/** A span as the judge tools show it: ids, name, type, timing, status, attributes, inputs, outputs, events. */
final class SpanJson {

    static ObjectNode of(JsonNode span, List<String> attributesToFetch) {
        ObjectNode out = ToolArgs.NODES.objectNode();
        out.put("span_id", span.path("span_id").asText(null));
        out.put("parent_span_id", StoredSpans.parent(span));
        out.put("name", span.path("name").asText(null));
        out.put("span_type", StoredSpans.type(span));
        out.put("start_time_ns", TraceView.startNs(span));
        out.put("end_time_ns", TraceView.endNs(span));
        out.set("status", span.path("status").isMissingNode() ? null : span.get("status"));
        JsonNode attributes = span.path("attributes");
        if (attributesToFetch == null) {
            out.set("attributes", attributes.isMissingNode() ? ToolArgs.NODES.objectNode() : attributes);
        } else {
            ObjectNode some = out.putObject("attributes");
            attributesToFetch.stream().filter(attributes::has).forEach(a -> some.set(a, attributes.get(a)));
        }
        out.set("inputs", span.get("inputs"));
        out.set("outputs", span.get("outputs"));
        if (span.path("events").isArray() && !span.path("events").isEmpty()) {
            out.set("events", span.get("events"));
        }
        return out;
    }

    private SpanJson() {
    }
}
