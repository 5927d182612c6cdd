package dev.evalplane.judge.provider;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.TokenUsage;

/**
 * Turns each provider's {@code usage} into our {@link TokenUsage} convention: input includes cache reads and writes,
 * output includes reasoning. A part the provider did not report stays null (unknown, not zero).
 */
public final class UsageNormaliser {

    /**
     * OpenAI Chat Completions: {@code prompt_tokens} already includes {@code prompt_tokens_details.cached_tokens}, and
     * {@code completion_tokens} includes {@code completion_tokens_details.reasoning_tokens}.
     */
    public static TokenUsage openAi(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        Long input = number(usage, "prompt_tokens");
        Long output = number(usage, "completion_tokens");
        Long total = number(usage, "total_tokens");
        if (total == null && input != null && output != null) {
            total = input + output;
        }
        Long cacheRead = number(usage.path("prompt_tokens_details"), "cached_tokens");
        Long cacheWrite = number(usage, "cache_creation_input_tokens");
        Long reasoning = number(usage.path("completion_tokens_details"), "reasoning_tokens");
        return new TokenUsage(input, output, total, cacheRead, cacheWrite, reasoning);
    }

    /**
     * Anthropic Messages: {@code input_tokens} EXCLUDES {@code cache_read_input_tokens} and
     * {@code cache_creation_input_tokens}, so the three are added; thinking tokens are inside {@code output_tokens}.
     * {@code cache_creation.ephemeral_1h_input_tokens}, when sent, is the part of the cache writes that went to a
     * 1-hour cache (priced higher than 5-minute writes).
     */
    public static TokenUsage anthropic(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        Long uncached = number(usage, "input_tokens");
        Long cacheRead = number(usage, "cache_read_input_tokens");
        Long cacheWrite = number(usage, "cache_creation_input_tokens");
        Long output = number(usage, "output_tokens");
        Long input = uncached == null ? null : uncached + TokenUsage.orZero(cacheRead) + TokenUsage.orZero(cacheWrite);
        Long total = input != null && output != null ? input + output : null;
        Long cacheWrite1h = number(usage.get("cache_creation"), "ephemeral_1h_input_tokens");
        return new TokenUsage(input, output, total, cacheRead, cacheWrite, null, cacheWrite1h);
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() ? value.asLong() : null;
    }

    private UsageNormaliser() {
    }
}
