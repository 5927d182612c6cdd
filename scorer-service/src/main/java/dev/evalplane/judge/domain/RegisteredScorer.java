package dev.evalplane.judge.domain;

import java.time.Instant;

import dev.evalplane.events.http.ScorerSpec;

/**
 * One version of a scorer in an experiment's registry (table {@code scoring.scorers}). {@code scorerId} names the
 * scorer (all versions of a name share it, MLflow's scorer_id); {@code mlflowScorer} is the MLflow client's serialized
 * scorer when the client registered it, verbatim, else null.
 */
public record RegisteredScorer(String experimentId, String name, int version, String description, ScorerSpec scorer,
        Instant createdAt, String scorerId, String mlflowScorer) {
}
