package dev.evalplane.judge.tools;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.scorer.BoundedRegex;
import dev.evalplane.judge.tracing.TraceView;

/**
 * {@code search_trace_regex}: a case-insensitive regular expression over every span's JSON; each match with its span
 * id, the matched text and {@code surrounding_content_length} (100) characters either side, at most
 * {@code max_matches} (50). All searches of one judgement share its regex time budget; past it the judgement ends
 * with error feedback.
 */
final class SearchTraceRegexTool implements JudgeTool {

    @Override
    public String name() {
        return "search_trace_regex";
    }

    @Override
    public String description() {
        return "Search the whole trace (every span's inputs, outputs, attributes) with a case-insensitive regular"
                + " expression; returns each match with its span id and surrounding text.";
    }

    @Override
    public ObjectNode parameters() {
        ObjectNode props = ToolArgs.NODES.objectNode();
        props.set("pattern", ToolArgs.property("string", "Regular expression (case-insensitive)."));
        props.set("max_matches", ToolArgs.property("integer", "Most matches to return (default 50)."));
        props.set("surrounding_content_length", ToolArgs.property("integer",
                "Characters of context either side of a match (default 100)."));
        return ToolArgs.schema(props, "pattern");
    }

    @Override
    public JsonNode invoke(TraceView trace, JsonNode arguments) {
        throw new IllegalStateException("search_trace_regex needs the judgement's regex time budget");
    }

    @Override
    public JsonNode invoke(TraceView trace, JsonNode arguments, BoundedRegex.Budget budget) {
        String pattern = ToolArgs.requiredText(arguments, "pattern");
        int maxMatches = ToolArgs.integer(arguments, "max_matches", 50, 1, 500);
        int around = ToolArgs.integer(arguments, "surrounding_content_length", 100, 0, 2000);
        ObjectNode out = ToolArgs.NODES.objectNode().put("pattern", pattern);
        Pattern compiled;
        try {
            compiled = BoundedRegex.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (IllegalArgumentException e) {
            return out.put("total_matches", 0).put("error", e.getMessage());
        }
        ArrayNode matches = out.putArray("matches");
        int total = 0;
        for (JsonNode span : trace.spans()) {
            String text = SpanJson.of(span, null).toString();
            Matcher m = BoundedRegex.matcher(compiled, text, budget);
            while (budget.run(m::find)) {
                total++;
                if (matches.size() < maxMatches) {
                    matches.addObject().put("span_id", span.path("span_id").asText(null)).put("matched_text", m.group())
                            .put("surrounding_text", text.substring(Math.max(0, m.start() - around),
                                    Math.min(text.length(), m.end() + around)));
                }
            }
        }
        return out.put("total_matches", total);
    }
}
