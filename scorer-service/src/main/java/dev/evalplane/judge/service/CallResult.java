package dev.evalplane.judge.service;

import java.util.List;

import dev.evalplane.events.AssessmentError;
import dev.evalplane.judge.provider.ChatResponse;
import dev.evalplane.judge.provider.LlmAttempt;
import dev.evalplane.judge.provider.ProviderException;
import dev.evalplane.judge.tracing.ToolInvocation;

/**
 * The end of a judgement's provider calls: the final answer, or the last failure once retries ran out, or (agent
 * judges) {@code loopError} when the tool loop could not finish (REQUEST_LIMIT_EXCEEDED); every attempt of every
 * round, and every tool call.
 */
public record CallResult(ChatResponse response, ProviderException failure, List<LlmAttempt> attempts,
        List<ToolInvocation> tools, AssessmentError loopError) {

    public CallResult(ChatResponse response, ProviderException failure, List<LlmAttempt> attempts) {
        this(response, failure, attempts, List.of(), null);
    }
}
