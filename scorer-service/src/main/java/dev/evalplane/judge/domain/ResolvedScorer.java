package dev.evalplane.judge.domain;

import dev.evalplane.events.http.ScorerSpec;

/**
 * A scorer of an evaluation request ready to build: its spec (a registered one replaced by the stored version, its
 * header values put back), and the registry version it came from ({@code registeredName} null when given inline).
 */
public record ResolvedScorer(ScorerSpec spec, String registeredName, Integer registeredVersion) {

    public static ResolvedScorer inline(ScorerSpec spec) {
        return new ResolvedScorer(spec, null, null);
    }
}
