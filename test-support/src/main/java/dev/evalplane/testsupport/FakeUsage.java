package dev.evalplane.testsupport;

/**
 * Token usage a {@link FakeLlmProvider} reports, in provider-neutral terms: {@code promptTokens} is the whole input
 * (cache reads and writes included), {@code completionTokens} the whole output (reasoning included). The wire
 * format decides how it is spelled: OpenAI reports the inclusive numbers, Anthropic's {@code input_tokens} excludes
 * the cache parts.
 */
public record FakeUsage(long promptTokens, long completionTokens, long cachedTokens, long cacheCreationTokens,
        long reasoningTokens, long cacheCreation1hTokens) {

    /** Without 1-hour cache writes: the Anthropic wire then has no {@code cache_creation} breakdown. */
    public FakeUsage(long promptTokens, long completionTokens, long cachedTokens, long cacheCreationTokens,
            long reasoningTokens) {
        this(promptTokens, completionTokens, cachedTokens, cacheCreationTokens, reasoningTokens, 0);
    }

    public static final FakeUsage DEFAULT = new FakeUsage(120, 30, 0, 0, 0);

    public static FakeUsage of(long promptTokens, long completionTokens) {
        return new FakeUsage(promptTokens, completionTokens, 0, 0, 0);
    }

    public FakeUsage withCache(long cached, long cacheCreation) {
        return new FakeUsage(promptTokens, completionTokens, cached, cacheCreation, reasoningTokens,
                cacheCreation1hTokens);
    }

    /** {@code oneHour} of the cache writes went to a 1-hour cache (Anthropic {@code cache_creation} breakdown). */
    public FakeUsage withOneHourCacheWrites(long oneHour) {
        return new FakeUsage(promptTokens, completionTokens, cachedTokens, cacheCreationTokens, reasoningTokens,
                oneHour);
    }

    public FakeUsage withReasoning(long reasoning) {
        return new FakeUsage(promptTokens, completionTokens, cachedTokens, cacheCreationTokens, reasoning,
                cacheCreation1hTokens);
    }

    /** Anthropic's {@code input_tokens}: the input that was neither read from nor written to the cache. */
    public long uncachedInputTokens() {
        return promptTokens - cachedTokens - cacheCreationTokens;
    }
}
