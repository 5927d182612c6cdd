package dev.evalplane.judge.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How judges are called: default model, concurrency, retries, timeouts. */
@ConfigMapping(prefix = "evalplane.judge")
public interface JudgeConfig {

    /** Model URI used when neither the scorer nor the request names one. */
    @WithDefault("openai:/gpt-4.1-mini")
    String defaultModel();

    /** Concurrent judge calls per run when the request gives no {@code max_concurrency}. */
    @WithDefault("8")
    int maxConcurrency();

    /** Upper bound a request may ask for. */
    @WithDefault("64")
    int maxConcurrencyLimit();

    /** Retries after the first attempt on 5xx, timeouts and connection failures (and on 429 up to the next). */
    @WithDefault("3")
    int maxRetries();

    /**
     * Retries after the first attempt while the provider answers 429: each waits out the provider's Retry-After, so
     * a rate-limited judgement is given more tries than a failing one (at 30% 429s, 3 retries left 0.3^4 of the
     * judgements failed for want of one more).
     */
    @WithDefault("10")
    int maxRateLimitedRetries();

    /** Timeout of one provider call. */
    @WithDefault("60s")
    Duration callTimeout();

    /** First backoff delay; doubles per retry, with jitter. */
    @WithDefault("1s")
    Duration backoffBase();

    /** Largest backoff delay. */
    @WithDefault("30s")
    Duration backoffMax();

    /** Largest {@code Retry-After} honoured; longer waits are capped to this. */
    @WithDefault("60s")
    Duration retryAfterMax();

    /** {@code max_tokens} sent to providers that require it (Anthropic). */
    @WithDefault("1024")
    int maxOutputTokens();

    /** Output tokens assumed per call when estimating spend against {@code budget_usd}. */
    @WithDefault("300")
    int estimatedOutputTokens();

    /** LLM rounds an agent judge ({@code {{ trace }}} with tools) may take; more is REQUEST_LIMIT_EXCEEDED. */
    @WithDefault("15")
    int maxToolRounds();

    /** Characters of one tool result sent back to the model; longer results are cut. */
    @WithDefault("20000")
    int toolResultMaxChars();

    /** Characters of an agent judge's accumulated prompt; past it the oldest tool exchanges are dropped. */
    @WithDefault("120000")
    int toolContextMaxChars();

    /**
     * Largest data row (its JSON: inputs, outputs, expectations, trace) an evaluation request may carry; a larger one
     * is a 400. Keep it well under Kafka's record limit (producer {@code max.request.size}, broker
     * {@code message.max.bytes}, 1 MiB by default): the row's spans and each judge's prompt with the row must fit.
     */
    @WithDefault("524288")
    int maxRowBytes();

    /**
     * Time all user regex matching may take while one evaluation request is checked (every row, every regex scorer
     * together); a pattern that needs more is a 400.
     */
    @WithDefault("1s")
    Duration regexTimePerRequest();

    /** Time all regex matching of one judgement may take (a regex scorer on a row, an agent judge's searches). */
    @WithDefault("250ms")
    Duration regexTimePerJudgement();

    /** How often an instance stamps its running runs as alive and picks up cancels other instances received. */
    @WithDefault("5s")
    Duration heartbeatEvery();

    /** A RUNNING run whose owner has not stamped it for this long is failed by any instance. */
    @WithDefault("60s")
    Duration orphanAfter();
}
