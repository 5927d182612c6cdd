package dev.evalplane.judge.provider;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool call the model asked for: the provider's call id, the tool name and the arguments (a JSON object). */
public record ToolCall(String id, String name, JsonNode arguments) {
}
