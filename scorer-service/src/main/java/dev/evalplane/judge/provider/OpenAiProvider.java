package dev.evalplane.judge.provider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/** OpenAI Chat Completions ({@code POST {base}/chat/completions}), also any OpenAI-compatible endpoint. */
public final class OpenAiProvider implements LlmProvider {

    private final WebClient client;
    private final ObjectMapper json;
    private final String baseUrl;
    private final Optional<String> apiKey;
    private final boolean jsonMode;
    private final Duration timeout;

    public OpenAiProvider(WebClient client, ObjectMapper json, String baseUrl, Optional<String> apiKey, boolean jsonMode,
            Duration timeout) {
        this.client = client;
        this.json = json;
        this.baseUrl = LlmProvider.baseUrl(baseUrl);
        this.apiKey = apiKey;
        this.jsonMode = jsonMode;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public Uni<ChatResponse> chat(String model, ChatRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.set("messages", OpenAiWire.messages(request));
        if (request.usesTools()) {
            body.set("tools", OpenAiWire.tools(request.tools()));
            body.put("tool_choice", "auto");
        }
        if (jsonMode) {
            body.putObject("response_format").put("type", "json_object");
        }
        var call = client.postAbs(baseUrl + "/chat/completions").timeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json");
        apiKey.ifPresent(key -> call.putHeader("Authorization", "Bearer " + key));
        return call.sendBuffer(Buffer.buffer(body.toString()))
                .onFailure().transform(ProviderException::from)
                .map(this::toResponse);
    }

    private ChatResponse toResponse(HttpResponse<Buffer> response) {
        JsonNode body = ProviderBodies.read(json, response);
        if (response.statusCode() >= 300) {
            throw ProviderException.http(response.statusCode(), ProviderBodies.errorMessage(body),
                    RetryAfter.parse(response.headers()));
        }
        JsonNode message = body.path("choices").path(0).path("message");
        List<ToolCall> calls = OpenAiWire.toolCalls(json, message);
        if (!message.has("content") && calls.isEmpty()) {
            throw new ProviderException(response.statusCode(), "provider answer had no message content", null, null);
        }
        return new ChatResponse(message.path("content").asText(""), calls, UsageNormaliser.openAi(body.get("usage")),
                body, body.path("model").asText(null));
    }

}
