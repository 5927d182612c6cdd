package dev.evalplane.testsupport;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link FakeLlmProvider} answers to one request: either a completion ({@code status} 200, {@code content}
 * as the assistant text, {@code toolCalls} the tools the assistant asks for, in the provider's wire format) or an
 * HTTP error, optionally with {@code Retry-After} and a delay before answering.
 */
public record FakeLlmReply(int status, String content, Integer retryAfterSeconds, FakeUsage usage, Duration delay,
        List<FakeToolCall> toolCalls) {

    public FakeLlmReply(int status, String content, Integer retryAfterSeconds, FakeUsage usage, Duration delay) {
        this(status, content, retryAfterSeconds, usage, delay, List.of());
    }

    /**
     * A completion that asks for tools: OpenAI {@code tool_calls} with {@code finish_reason: tool_calls} and no
     * content, or Anthropic {@code tool_use} blocks with {@code stop_reason: tool_use}.
     */
    public static FakeLlmReply toolCalls(FakeToolCall... calls) {
        return new FakeLlmReply(200, null, null, null, Duration.ZERO, List.of(calls));
    }

    public boolean hasToolCalls() {
        return toolCalls != null && !toolCalls.isEmpty();
    }

    /** A completion whose text is the verdict JSON {@code {"result": ..., "rationale": ...}}. */
    public static FakeLlmReply verdict(Object result, String rationale) {
        String value = result instanceof String s ? "\"" + escape(s) + "\"" : String.valueOf(result);
        return text("{\"result\": " + value + ", \"rationale\": \"" + escape(rationale) + "\"}");
    }

    /** A completion with this exact assistant text (prose, code fences, broken JSON: whatever a model may say). */
    public static FakeLlmReply text(String content) {
        return new FakeLlmReply(200, content, null, null, Duration.ZERO);
    }

    /** An HTTP error with the provider's error body. */
    public static FakeLlmReply error(int status) {
        return new FakeLlmReply(status, null, null, null, Duration.ZERO);
    }

    /** HTTP 429 with a {@code Retry-After} header in seconds. */
    public static FakeLlmReply rateLimited(int retryAfterSeconds) {
        return new FakeLlmReply(429, null, retryAfterSeconds, null, Duration.ZERO);
    }

    public FakeLlmReply withUsage(FakeUsage newUsage) {
        return new FakeLlmReply(status, content, retryAfterSeconds, newUsage, delay, toolCalls);
    }

    public FakeLlmReply withDelay(Duration newDelay) {
        return new FakeLlmReply(status, content, retryAfterSeconds, usage, newDelay, toolCalls);
    }

    public boolean isError() {
        return status >= 400;
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
