package dev.evalplane.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Token usage of one LLM call, OTel GenAI convention: {@code inputTokens} includes cache reads and writes,
 * {@code outputTokens} includes reasoning tokens. A null part is unknown, not zero.
 * {@code cacheCreation1hInputTokens} is the part of {@code cacheCreationInputTokens} written to a 1-hour cache
 * (Anthropic's {@code usage.cache_creation.ephemeral_1h_input_tokens}); the rest of the cache writes are 5-minute
 * writes. Null when the producer does not split them: every cache write is then a 5-minute write.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenUsage(Long inputTokens, Long outputTokens, Long totalTokens, Long cacheReadInputTokens,
        Long cacheCreationInputTokens, Long reasoningTokens,
        @JsonProperty("cache_creation_1h_input_tokens") Long cacheCreation1hInputTokens) {

    /** Usage without a 5-minute / 1-hour split of the cache writes. */
    public TokenUsage(Long inputTokens, Long outputTokens, Long totalTokens, Long cacheReadInputTokens,
            Long cacheCreationInputTokens, Long reasoningTokens) {
        this(inputTokens, outputTokens, totalTokens, cacheReadInputTokens, cacheCreationInputTokens, reasoningTokens,
                null);
    }

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
