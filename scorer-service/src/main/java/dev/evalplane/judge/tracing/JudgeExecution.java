package dev.evalplane.judge.tracing;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.AssessmentError;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.judge.provider.LlmAttempt;
import dev.evalplane.judge.scorer.JudgeTask;

/**
 * Everything one judgement did: its provider attempts (retries and agent rounds included), its tool calls, its
 * verdict or error, and its total usage (sum over all attempts of all rounds). The judge trace and the Feedback are
 * both made from it.
 */
public record JudgeExecution(String runId, String experimentId, String scorerName, String modelUri,
        String judgeTraceId, String evaluatedTraceId, String evaluatedSpanId, JudgeTask task,
        List<LlmAttempt> attempts, List<ToolInvocation> tools, JsonNode value, String rationale, AssessmentError error,
        TokenUsage usage,        long startNs, long endNs) {

    public boolean calledProvider() {
        return !attempts.isEmpty();
    }
}
