package dev.evalplane.judge.provider;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Messages API tool use: per tool exchange an assistant message with {@code tool_use} content blocks, then a user
 * message with one {@code tool_result} block per call; tools as {@code {name, description, input_schema}}.
 */
final class AnthropicWire {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static ArrayNode messages(ChatRequest request) {
        ArrayNode messages = NODES.arrayNode();
        messages.addObject().put("role", "user").put("content", request.user());
        for (ToolExchange exchange : request.exchanges()) {
            ArrayNode assistant = messages.addObject().put("role", "assistant").putArray("content");
            if (exchange.assistantText() != null && !exchange.assistantText().isBlank()) {
                assistant.addObject().put("type", "text").put("text", exchange.assistantText());
            }
            for (ToolCall call : exchange.calls()) {
                assistant.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                        .set("input", call.arguments().isObject() ? call.arguments() : NODES.objectNode());
            }
            ArrayNode results = messages.addObject().put("role", "user").putArray("content");
            for (ToolResult result : exchange.results()) {
                results.addObject().put("type", "tool_result").put("tool_use_id", result.callId())
                        .put("content", result.content());
            }
        }
        return messages;
    }

    static ArrayNode tools(List<ToolDefinition> tools) {
        ArrayNode out = NODES.arrayNode();
        for (ToolDefinition tool : tools) {
            ObjectNode t = out.addObject().put("name", tool.name()).put("description", tool.description());
            t.set("input_schema", tool.parameters());
        }
        return out;
    }

    /** The text blocks joined, and the {@code tool_use} blocks as calls. */
    static String text(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText(""));
            }
        }
        return text.toString();
    }

    static List<ToolCall> toolCalls(JsonNode content) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : content) {
            if ("tool_use".equals(block.path("type").asText())) {
                calls.add(new ToolCall(block.path("id").asText(), block.path("name").asText(),
                        block.has("input") ? block.get("input") : NODES.objectNode()));
            }
        }
        return calls;
    }

    private AnthropicWire() {
    }
}
