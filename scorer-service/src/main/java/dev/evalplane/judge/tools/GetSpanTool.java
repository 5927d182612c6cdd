package dev.evalplane.judge.tools;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.tracing.TraceView;

/**
 * {@code get_span}: one span in full as JSON text ({@code content}), {@code max_content_length} characters (100000) per
 * page; {@code page_token} is the character offset of the next page; {@code attributes_to_fetch} limits the
 * attributes. An unknown span id is an {@code error} in the result, not a failure.
 */
final class GetSpanTool implements JudgeTool {

    static final int DEFAULT_LENGTH = 100_000;

    @Override
    public String name() {
        return "get_span";
    }

    @Override
    public String description() {
        return "Get one span in full (inputs, outputs, attributes, events, status, timing) as JSON text, paged for"
                + " large spans.";
    }

    @Override
    public ObjectNode parameters() {
        ObjectNode props = ToolArgs.NODES.objectNode();
        props.set("span_id", ToolArgs.property("string", "Id of the span, from list_spans."));
        ObjectNode attributes = ToolArgs.property("array", "Only these attribute names (default: all).");
        attributes.putObject("items").put("type", "string");
        props.set("attributes_to_fetch", attributes);
        props.set("max_content_length", ToolArgs.property("integer", "Characters per page (default 100000)."));
        props.set("page_token", ToolArgs.property("string", "page_token of the previous page."));
        return ToolArgs.schema(props, "span_id");
    }

    @Override
    public JsonNode invoke(TraceView trace, JsonNode arguments) {
        String spanId = ToolArgs.requiredText(arguments, "span_id");
        int max = ToolArgs.integer(arguments, "max_content_length", DEFAULT_LENGTH, 1, DEFAULT_LENGTH);
        int offset = ToolArgs.integer(arguments, "page_token", 0, 0, Integer.MAX_VALUE);
        ObjectNode out = ToolArgs.NODES.objectNode().put("span_id", spanId);
        JsonNode span = trace.span(spanId).orElse(null);
        if (span == null) {
            return out.put("error", "no span " + spanId + " in this trace; list_spans gives the ids");
        }
        String content = SpanJson.of(span, ToolArgs.texts(arguments, "attributes_to_fetch")).toString();
        int end = Math.min(content.length(), offset + max);
        out.put("content", offset >= content.length() ? "" : content.substring(offset, end));
        out.put("content_size_bytes", content.getBytes(StandardCharsets.UTF_8).length);
        out.put("page_token", end < content.length() ? String.valueOf(end) : null);
        return out;
    }
}
