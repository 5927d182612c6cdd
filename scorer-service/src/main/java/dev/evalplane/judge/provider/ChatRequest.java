package dev.evalplane.judge.provider;

/** One judge prompt: a system message and a user message. */
public record ChatRequest(String system, String user) {
}
