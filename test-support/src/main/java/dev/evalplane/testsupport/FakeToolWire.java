package dev.evalplane.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Tool use on the real wire formats: writing tool calls into replies, reading tool results out of requests. */
final class FakeToolWire {

    /** Turns a finished reply body into one that asks for these tools. */
    static void addToolCalls(ObjectMapper json, String api, ObjectNode body, List<FakeToolCall> calls) {
        if (FakeLlmWire.ANTHROPIC.equals(api)) {
            ArrayNode content = body.putArray("content");
            for (FakeToolCall call : calls) {
                content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                        .set("input", parse(json, call.argumentsJson()));
            }
            body.put("stop_reason", "tool_use");
            return;
        }
        ObjectNode choice = (ObjectNode) body.path("choices").get(0);
        ObjectNode message = (ObjectNode) choice.get("message");
        message.putNull("content");
        ArrayNode toolCalls = message.putArray("tool_calls");
        for (FakeToolCall call : calls) {
            ObjectNode c = toolCalls.addObject().put("id", call.id()).put("type", "function");
            c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
        }
        choice.put("finish_reason", "tool_calls");
    }

    /** Tool results in a request: OpenAI {@code role: tool} messages, Anthropic {@code tool_result} blocks. */
    static List<FakeToolResult> results(JsonNode body) {
        List<FakeToolResult> out = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if ("tool".equals(message.path("role").asText())) {
                out.add(new FakeToolResult(message.path("tool_call_id").asText(), message.path("content").asText()));
            }
            for (JsonNode block : message.path("content")) {
                if ("tool_result".equals(block.path("type").asText())) {
                    JsonNode content = block.path("content");
                    out.add(new FakeToolResult(block.path("tool_use_id").asText(),
                            content.isTextual() ? content.asText() : text(content)));
                }
            }
        }
        return out;
    }

    /** Names of the tools a request offers, in both formats. */
    static List<String> toolNames(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            out.add(tool.has("function") ? tool.path("function").path("name").asText() : tool.path("name").asText());
        }
        return out;
    }

    private static String text(JsonNode blocks) {
        StringBuilder out = new StringBuilder();
        blocks.forEach(b -> out.append(b.path("text").asText("")));
        return out.toString();
    }

    private static JsonNode parse(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("tool call arguments are not JSON: " + text, e);
        }
    }

    private FakeToolWire() {
    }
}
