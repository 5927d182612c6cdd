package dev.evalplane.judge;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** One version of a scorer in an experiment's registry (table {@code scoring.scorers}). */
public record RegisteredScorer(String experimentId, String name, int version, String description, JsonNode scorer,
        Instant createdAt) {
}
