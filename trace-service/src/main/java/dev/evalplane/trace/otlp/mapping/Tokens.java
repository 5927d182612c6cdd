package dev.evalplane.trace.otlp.mapping;

import dev.evalplane.events.TokenUsage;

/** Builds the normalised usage (input includes cache reads and writes, output includes reasoning). */
final class Tokens {

    private Tokens() {
    }

    /** Null when the source reported none of input, output or total; total is derived when absent. */
    static TokenUsage usage(Long input, Long output, Long total, Long cacheRead, Long cacheCreation, Long reasoning) {
        if (input == null && output == null && total == null) {
            return null;
        }
        Long derivedTotal = total != null ? total : input != null && output != null ? input + output : null;
        return new TokenUsage(input, output, derivedTotal, cacheRead, cacheCreation, reasoning);
    }
}
