package dev.evalplane.judge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.TokenUsage;

class UsageNormaliserTests {

    private static JsonNode json(String text) throws Exception {
        return EventJson.mapper().readTree(text);
    }

    @Test
    void openAiUsageKeepsInclusiveNumbersAndReadsCachedAndReasoningDetails() throws Exception {
        TokenUsage usage = UsageNormaliser.openAi(json("""
                {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500,
                 "prompt_tokens_details": {"cached_tokens": 1000, "audio_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 120, "audio_tokens": 0}}"""));
        assertThat(usage).isEqualTo(new TokenUsage(1200L, 300L, 1500L, 1000L, null, 120L));
    }

    @Test
    void openAiUsageWithoutDetailsLeavesThemUnknownAndDerivesTheTotal() throws Exception {
        TokenUsage usage = UsageNormaliser.openAi(json("{\"prompt_tokens\": 10, \"completion_tokens\": 4}"));
        assertThat(usage).isEqualTo(new TokenUsage(10L, 4L, 14L, null, null, null));
    }

    @Test
    void anthropicInputExcludesCacheSoCacheReadsAndWritesAreAddedBack() throws Exception {
        TokenUsage usage = UsageNormaliser.anthropic(json("""
                {"input_tokens": 50, "cache_creation_input_tokens": 200, "cache_read_input_tokens": 1000,
                 "output_tokens": 80}"""));
        assertThat(usage).isEqualTo(new TokenUsage(1250L, 80L, 1330L, 1000L, 200L, null));
    }

    @Test
    void anthropicCacheCreationBreakdownGivesTheOneHourWrites() throws Exception {
        TokenUsage usage = UsageNormaliser.anthropic(json("""
                {"input_tokens": 50, "cache_creation_input_tokens": 200, "cache_read_input_tokens": 1000,
                 "cache_creation": {"ephemeral_5m_input_tokens": 50, "ephemeral_1h_input_tokens": 150},
                 "output_tokens": 80}"""));
        assertThat(usage).isEqualTo(new TokenUsage(1250L, 80L, 1330L, 1000L, 200L, null, 150L));
    }

    @Test
    void anthropicWithoutCacheFieldsCountsInputAsIs() throws Exception {
        TokenUsage usage = UsageNormaliser.anthropic(json("{\"input_tokens\": 42, \"output_tokens\": 7}"));
        assertThat(usage).isEqualTo(new TokenUsage(42L, 7L, 49L, null, null, null));
    }

    @Test
    void missingUsageIsUnknownNotZero() {
        assertThat(UsageNormaliser.openAi(null)).isNull();
        assertThat(UsageNormaliser.anthropic(null)).isNull();
    }
}
