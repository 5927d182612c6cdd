package dev.evalplane.testsupport;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The real OpenAI Chat Completions and Anthropic Messages wire formats, as far as a judge uses them. */
final class FakeLlmWire {

    static final String OPENAI = "openai";
    static final String ANTHROPIC = "anthropic";

    private final ObjectMapper json = new ObjectMapper();

    FakeLlmRequest parse(String api, String path, Map<String, String> headers, byte[] raw) throws java.io.IOException {
        JsonNode body = json.readTree(raw);
        String model = body.path("model").asText(null);
        StringBuilder system = new StringBuilder();
        StringBuilder user = new StringBuilder();
        if (ANTHROPIC.equals(api)) {
            system.append(text(body.path("system")));
        }
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText();
            StringBuilder target = "system".equals(role) || "developer".equals(role) ? system : user;
            if (!target.isEmpty()) {
                target.append('\n');
            }
            target.append(text(message.path("content")));
        }
        return new FakeLlmRequest(api, path, headers, body, model, system.toString(), user.toString());
    }

    /** Content is a string, or a list of blocks {@code {"type": "text", "text": ...}}. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode block : content) {
            out.append(block.path("text").asText(""));
        }
        return out.toString();
    }

    String success(String api, String model, FakeLlmReply reply, FakeUsage usage) {
        ObjectNode body = ANTHROPIC.equals(api) ? anthropic(model, reply.content(), usage)
                : openAi(model, reply.content(), usage);
        if (reply.hasToolCalls()) {
            FakeToolWire.addToolCalls(json, api, body, reply.toolCalls());
        }
        return body.toString();
    }

    private ObjectNode openAi(String model, String content, FakeUsage usage) {
        ObjectNode root = json.createObjectNode();
        root.put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""));
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        choice.put("finish_reason", "stop");
        ObjectNode u = root.putObject("usage");
        u.put("prompt_tokens", usage.promptTokens());
        u.put("completion_tokens", usage.completionTokens());
        u.put("total_tokens", usage.promptTokens() + usage.completionTokens());
        u.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens()).put("audio_tokens", 0);
        u.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens())
                .put("audio_tokens", 0).put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        root.put("system_fingerprint", "fp_fake");
        return root;
    }

    private ObjectNode anthropic(String model, String content, FakeUsage usage) {
        ObjectNode root = json.createObjectNode();
        root.put("id", "msg_" + UUID.randomUUID().toString().replace("-", ""));
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", model);
        ArrayNode blocks = root.putArray("content");
        blocks.addObject().put("type", "text").put("text", content);
        root.put("stop_reason", "end_turn");
        root.putNull("stop_sequence");
        ObjectNode u = root.putObject("usage");
        u.put("input_tokens", usage.uncachedInputTokens());
        u.put("cache_creation_input_tokens", usage.cacheCreationTokens());
        u.put("cache_read_input_tokens", usage.cachedTokens());
        if (usage.cacheCreation1hTokens() > 0) {
            u.putObject("cache_creation")
                    .put("ephemeral_5m_input_tokens", usage.cacheCreationTokens() - usage.cacheCreation1hTokens())
                    .put("ephemeral_1h_input_tokens", usage.cacheCreation1hTokens());
        }
        u.put("output_tokens", usage.completionTokens());
        return root;
    }

    String error(String api, int status) {
        ObjectNode root = json.createObjectNode();
        String message = switch (status) {
            case 429 -> "Rate limit reached. Please try again later.";
            case 401 -> "Invalid API key.";
            case 400 -> "Invalid request.";
            case 529 -> "Overloaded";
            default -> "The server had an error while processing your request.";
        };
        if (ANTHROPIC.equals(api)) {
            root.put("type", "error");
            root.putObject("error").put("type", status == 429 ? "rate_limit_error" : "api_error").put("message", message);
        } else {
            root.putObject("error").put("message", message).put("type", status == 429 ? "requests" : "server_error")
                    .putNull("param").put("code", status == 429 ? "rate_limit_exceeded" : null);
        }
        return root.toString();
    }
}
