package dev.evalplane.judge.provider;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.TokenUsage;

/**
 * A provider's answer: the assistant text, usage normalised to our convention (input includes cache reads and writes,
 * output includes reasoning), the raw response body (for the LLM span) and the model that answered.
 */
public record ChatResponse(String text, TokenUsage usage, JsonNode body, String responseModel) {
}
