package dev.evalplane.judge.provider;

import java.util.List;

/** One tool round of a conversation: the assistant's text (may be empty) and tool calls, then every call's result. */
public record ToolExchange(String assistantText, List<ToolCall> calls, List<ToolResult> results) {

    int chars() {
        int n = assistantText == null ? 0 : assistantText.length();
        for (ToolCall c : calls) {
            n += c.name().length() + String.valueOf(c.arguments()).length();
        }
        for (ToolResult r : results) {
            n += r.content().length();
        }
        return n;
    }
}
