package dev.evalplane.testsupport;

/**
 * A tool call a {@link FakeLlmProvider} answers with (see {@link FakeLlmReply#toolCalls}): the call id, the tool name
 * and the arguments as a JSON object text. OpenAI replies carry it as {@code tool_calls[].function} (arguments as a
 * string), Anthropic replies as a {@code tool_use} content block (arguments as {@code input}).
 */
public record FakeToolCall(String id, String name, String argumentsJson) {

    public static FakeToolCall of(String id, String name, String argumentsJson) {
        return new FakeToolCall(id, name, argumentsJson);
    }
}
