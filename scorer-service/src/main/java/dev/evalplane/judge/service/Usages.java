package dev.evalplane.judge.service;

import java.util.List;

import dev.evalplane.events.TokenUsage;
import dev.evalplane.judge.provider.LlmAttempt;

/** Summing the usage of a judgement's attempts; a part stays null when no attempt reported it. */
public final class Usages {

    public static TokenUsage sum(List<LlmAttempt> attempts) {
        TokenUsage total = null;
        for (LlmAttempt a : attempts) {
            if (a.succeeded() && a.response().usage() != null) {
                total = total == null ? a.response().usage() : add(total, a.response().usage());
            }
        }
        return total;
    }

    static TokenUsage add(TokenUsage a, TokenUsage b) {
        return new TokenUsage(plus(a.inputTokens(), b.inputTokens()), plus(a.outputTokens(), b.outputTokens()),
                plus(a.totalTokens(), b.totalTokens()), plus(a.cacheReadInputTokens(), b.cacheReadInputTokens()),
                plus(a.cacheCreationInputTokens(), b.cacheCreationInputTokens()),
                plus(a.reasoningTokens(), b.reasoningTokens()));
    }

    private static Long plus(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }

    private Usages() {
    }
}
