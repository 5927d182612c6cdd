package dev.evalplane.judge.tracing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One tool call an agent judge made: in which LLM round, its arguments, the result the model got back ({@code content},
 * possibly cut; {@code output} is the result JSON, null when the call failed) and its timing. Becomes a TOOL span.
 */
public record ToolInvocation(int round, int index, String callId, String name, JsonNode arguments, JsonNode output,
        String content, boolean failed, long startNs, long endNs) {
}
