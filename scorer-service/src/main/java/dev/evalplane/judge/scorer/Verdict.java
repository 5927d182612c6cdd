package dev.evalplane.judge.scorer;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed judge answer: the typed value and the rationale. */
public record Verdict(JsonNode value, String rationale) {
}
