package dev.evalplane.judge.provider;

import java.util.List;

/**
 * One judge prompt: a system message and a user message; for an agent judge also the tools it may call and the tool
 * exchanges so far (each: the assistant's tool calls and their results), which each provider renders in its own wire
 * format.
 */
public record ChatRequest(String system, String user, List<ToolExchange> exchanges, List<ToolDefinition> tools) {

    public ChatRequest(String system, String user) {
        this(system, user, List.of(), List.of());
    }

    public ChatRequest withTools(List<ToolDefinition> newTools) {
        return new ChatRequest(system, user, exchanges, List.copyOf(newTools));
    }

    public ChatRequest withExchanges(List<ToolExchange> newExchanges) {
        return new ChatRequest(system, user, List.copyOf(newExchanges), tools);
    }

    public boolean usesTools() {
        return !tools.isEmpty();
    }

    /** Characters of the whole prompt: messages, tool calls and tool results. */
    public int promptChars() {
        return system.length() + user.length() + exchanges.stream().mapToInt(ToolExchange::chars).sum();
    }
}
