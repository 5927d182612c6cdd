package dev.evalplane.judge.service;

import java.math.BigDecimal;

import dev.evalplane.events.TokenUsage;

/**
 * USD per token for one judge model, used only to estimate spend against {@code budget_usd} (cost-service prices the
 * judge traces for real). {@code source} says where it came from: cost-service, or a conservative built-in estimate.
 */
public record ModelPrice(BigDecimal inputPerToken, BigDecimal outputPerToken, String source) {

    /** Input and output tokens at these rates (cache discounts ignored: an over-estimate, never an under-estimate). */
    public BigDecimal cost(long inputTokens, long outputTokens) {
        return inputPerToken.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPerToken.multiply(BigDecimal.valueOf(outputTokens)));
    }

    public BigDecimal cost(TokenUsage usage) {
        return usage == null ? BigDecimal.ZERO
                : cost(TokenUsage.orZero(usage.inputTokens()), TokenUsage.orZero(usage.outputTokens()));
    }
}
