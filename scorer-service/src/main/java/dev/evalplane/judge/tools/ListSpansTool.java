package dev.evalplane.judge.tools;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.tracing.StoredSpans;
import dev.evalplane.judge.tracing.TraceView;

/**
 * {@code list_spans}: span summaries in start order ({@code span_id, name, span_type, start_time_ms, end_time_ms,
 * duration_ms, parent_id, status, is_root, attribute_names}), {@code max_results} (100) per page, {@code page_token} a
 * decimal offset.
 */
final class ListSpansTool implements JudgeTool {

    @Override
    public String name() {
        return "list_spans";
    }

    @Override
    public String description() {
        return "List the trace's spans in start order with their id, name, type, timing, parent, status and attribute"
                + " names (not their inputs and outputs: use get_span for those). Paged.";
    }

    @Override
    public ObjectNode parameters() {
        ObjectNode props = ToolArgs.NODES.objectNode();
        props.set("max_results", ToolArgs.property("integer", "Spans per page (default 100)."));
        props.set("page_token", ToolArgs.property("string", "next_page_token of the previous page."));
        return ToolArgs.schema(props);
    }

    @Override
    public JsonNode invoke(TraceView trace, JsonNode arguments) {
        int max = ToolArgs.integer(arguments, "max_results", 100, 1, 1000);
        int offset = ToolArgs.integer(arguments, "page_token", 0, 0, Integer.MAX_VALUE);
        List<JsonNode> spans = trace.spans();
        ObjectNode out = ToolArgs.NODES.objectNode();
        ArrayNode page = out.putArray("spans");
        for (int i = offset; i < Math.min(spans.size(), offset + max); i++) {
            page.add(summary(spans.get(i)));
        }
        out.put("next_page_token", offset + max < spans.size() ? String.valueOf(offset + max) : null);
        return out;
    }

    private static ObjectNode summary(JsonNode span) {
        ObjectNode s = ToolArgs.NODES.objectNode();
        s.put("span_id", span.path("span_id").asText(null));
        s.put("name", span.path("name").asText(null));
        s.put("span_type", StoredSpans.type(span));
        s.put("start_time_ms", TraceView.startNs(span) / 1_000_000);
        s.put("end_time_ms", TraceView.endNs(span) / 1_000_000);
        s.put("duration_ms", TraceView.durationMs(span));
        s.put("parent_id", StoredSpans.parent(span));
        s.put("status", span.path("status").path("code").asText(span.path("status").asText("UNSET")));
        s.put("is_root", StoredSpans.isRoot(span));
        ArrayNode names = s.putArray("attribute_names");
        span.path("attributes").fieldNames().forEachRemaining(names::add);
        return s;
    }
}
