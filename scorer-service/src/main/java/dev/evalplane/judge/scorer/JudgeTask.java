package dev.evalplane.judge.scorer;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.provider.ChatRequest;

/**
 * One judgement a scorer makes on a row: one prompt, one Feedback named {@code feedbackName} on span
 * {@code spanId} (null: the row's root span). {@code idParts} tell apart several judgements of one scorer on one
 * trace (a retriever span id, a chunk index); empty for row-level judges, so ids stay
 * {@code (run, trace, scorer)}. {@code evaluatorInputs} become the judge trace's root span inputs.
 */
public record JudgeTask(String feedbackName, String spanId, List<String> idParts, ChatRequest prompt,
        FeedbackValueType valueType, JsonNode evaluatorInputs) {
}
