package dev.evalplane.testsupport;

/**
 * A tool result a client sent back to a {@link FakeLlmProvider}: an OpenAI {@code role: tool} message or an Anthropic
 * {@code tool_result} block, with the id of the call it answers and its content text.
 */
public record FakeToolResult(String callId, String content) {
}
