package dev.evalplane.judge.scorer;

import com.fasterxml.jackson.databind.JsonNode;

/** A finished judge task: its value when it succeeded (null on error). */
public record TaskVerdict(JudgeTask task, JsonNode value) {
}
