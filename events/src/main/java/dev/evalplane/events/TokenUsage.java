package dev.evalplane.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Token usage of one LLM call, OTel GenAI convention: {@code inputTokens} includes cache reads and writes,
 * {@code outputTokens} includes reasoning tokens. A null part is unknown, not zero.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenUsage(Long inputTokens, Long outputTokens, Long totalTokens, Long cacheReadInputTokens,
        Long cacheCreationInputTokens, Long reasoningTokens) {

    public static TokenUsage of(long input, long output) {
        return new TokenUsage(input, output, input + output, null, null, null);
    }

    /** Total tokens, derived when the producer did not report it. */
    public long total() {
        if (totalTokens != null) {
            return totalTokens;
        }
        return orZero(inputTokens) + orZero(outputTokens);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return inputTokens == null && outputTokens == null && totalTokens == null;
    }

    public static long orZero(Long value) {
        return value == null ? 0L : value;
    }
}
