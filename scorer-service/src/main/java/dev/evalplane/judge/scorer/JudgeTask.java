package dev.evalplane.judge.scorer;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.provider.ChatRequest;

/**
 * One judgement a scorer makes on a row: one prompt, one Feedback named {@code feedbackName} on span
 * {@code spanId} (null: the row's root span). {@code idParts} tell apart several judgements of one scorer on one
 * trace (a retriever span id, a chunk index); empty for row-level judges, so ids stay
 * {@code (run, trace, scorer)}. {@code evaluatorInputs} become the judge trace's root span inputs. {@code trace} is
 * set for an agent judge: the trace ({@code {info, spans}}) its tools read; null for a single-call judge.
 */
public record JudgeTask(String feedbackName, String spanId, List<String> idParts, ChatRequest prompt,
        FeedbackValueType valueType, JsonNode evaluatorInputs, JsonNode trace) {

    public JudgeTask(String feedbackName, String spanId, List<String> idParts, ChatRequest prompt,
            FeedbackValueType valueType, JsonNode evaluatorInputs) {
        this(feedbackName, spanId, idParts, prompt, valueType, evaluatorInputs, null);
    }

    /** Whether the judge inspects the trace through tools, over several LLM rounds. */
    public boolean agentic() {
        return trace != null;
    }
}
