package dev.evalplane.judge.provider;

/** What a tool call returned, as the text sent back to the model (JSON, or "Error: ..."). */
public record ToolResult(String callId, String name, String content) {
}
