package dev.evalplane.judge.scorer;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Feedback computed from verdicts without another LLM call (e.g. {@code retrieval_relevance/precision}). */
public record DerivedFeedback(String name, String spanId, List<String> idParts, JsonNode value, String rationale) {
}
