package dev.evalplane.judge.provider;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.TokenUsage;

/**
 * A provider's answer: the assistant text, the tool calls it asked for (none for a final answer), usage normalised to
 * our convention (input includes cache reads and writes, output includes reasoning), the raw response body (for the
 * LLM span) and the model that answered.
 */
public record ChatResponse(String text, List<ToolCall> toolCalls, TokenUsage usage, JsonNode body, String responseModel) {

    public ChatResponse(String text, TokenUsage usage, JsonNode body, String responseModel) {
        this(text, List.of(), usage, body, responseModel);
    }

    public boolean wantsTools() {
        return !toolCalls.isEmpty();
    }
}
