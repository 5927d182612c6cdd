package dev.evalplane.judge.service;

import java.util.List;

import dev.evalplane.judge.provider.ChatResponse;
import dev.evalplane.judge.provider.LlmAttempt;
import dev.evalplane.judge.provider.ProviderException;

/** The end of a judgement's provider calls: the answer, or the last failure once retries ran out; every attempt. */
public record CallResult(ChatResponse response, ProviderException failure, List<LlmAttempt> attempts) {
}
