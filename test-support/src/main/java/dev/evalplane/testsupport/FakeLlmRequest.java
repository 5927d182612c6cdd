package dev.evalplane.testsupport;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request a {@link FakeLlmProvider} received, as sent on the wire: {@code api} is {@code openai} or
 * {@code anthropic}; {@code system} and {@code user} are the prompt texts pulled out of the messages; header names
 * are lower case.
 */
public record FakeLlmRequest(String api, String path, Map<String, String> headers, JsonNode body, String model,
        String system, String user) {

    /** System and user text together, for "the prompt mentions X" assertions. */
    public String prompt() {
        return (system == null ? "" : system) + "\n" + (user == null ? "" : user);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    /** The tool results this request sends back, in order (OpenAI tool messages or Anthropic tool_result blocks). */
    public List<FakeToolResult> toolResults() {
        return FakeToolWire.results(body);
    }

    /** Names of the tools this request offers the model. */
    public List<String> toolNames() {
        return FakeToolWire.toolNames(body);
    }
}
