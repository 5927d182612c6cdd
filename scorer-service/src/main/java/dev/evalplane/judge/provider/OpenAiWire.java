package dev.evalplane.judge.provider;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Chat Completions messages and tools: system, user, then per tool exchange an assistant message with
 * {@code tool_calls} (arguments as a JSON string) and one {@code role: tool} message per result. Also the message list
 * the judge trace's LLM spans show, whatever the provider.
 */
public final class OpenAiWire {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public static ArrayNode messages(ChatRequest request) {
        ArrayNode messages = NODES.arrayNode();
        messages.addObject().put("role", "system").put("content", request.system());
        messages.addObject().put("role", "user").put("content", request.user());
        for (ToolExchange exchange : request.exchanges()) {
            ObjectNode assistant = messages.addObject().put("role", "assistant");
            if (exchange.assistantText() == null || exchange.assistantText().isEmpty()) {
                assistant.putNull("content");
            } else {
                assistant.put("content", exchange.assistantText());
            }
            ArrayNode calls = assistant.putArray("tool_calls");
            for (ToolCall call : exchange.calls()) {
                ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", String.valueOf(call.arguments()));
            }
            for (ToolResult result : exchange.results()) {
                messages.addObject().put("role", "tool").put("tool_call_id", result.callId()).put("content", result.content());
            }
        }
        return messages;
    }

    public static ArrayNode tools(List<ToolDefinition> tools) {
        ArrayNode out = NODES.arrayNode();
        for (ToolDefinition tool : tools) {
            ObjectNode function = out.addObject().put("type", "function").putObject("function");
            function.put("name", tool.name()).put("description", tool.description()).set("parameters", tool.parameters());
        }
        return out;
    }

    /** The assistant message's {@code tool_calls}; arguments that are not a JSON object stay as their text. */
    static List<ToolCall> toolCalls(ObjectMapper json, JsonNode message) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            String arguments = call.path("function").path("arguments").asText("{}");
            JsonNode parsed;
            try {
                parsed = json.readTree(arguments.isBlank() ? "{}" : arguments);
            } catch (java.io.IOException e) {
                parsed = NODES.textNode(arguments);
            }
            calls.add(new ToolCall(call.path("id").asText(), call.path("function").path("name").asText(), parsed));
        }
        return calls;
    }

    private OpenAiWire() {
    }
}
