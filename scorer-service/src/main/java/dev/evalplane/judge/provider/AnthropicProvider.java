package dev.evalplane.judge.provider;

import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/** Anthropic Messages ({@code POST {base}/v1/messages}, {@code x-api-key}, {@code anthropic-version}). */
public final class AnthropicProvider implements LlmProvider {

    private final WebClient client;
    private final ObjectMapper json;
    private final String baseUrl;
    private final Optional<String> apiKey;
    private final String version;
    private final int maxTokens;
    private final Duration timeout;

    public AnthropicProvider(WebClient client, ObjectMapper json, String baseUrl, Optional<String> apiKey,
            String version, int maxTokens, Duration timeout) {
        this.client = client;
        this.json = json;
        this.baseUrl = LlmProvider.baseUrl(baseUrl);
        this.apiKey = apiKey;
        this.version = version;
        this.maxTokens = maxTokens;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "anthropic";
    }

    @Override
    public Uni<ChatResponse> chat(String model, ChatRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", maxTokens);
        body.put("system", request.system());
        body.set("messages", AnthropicWire.messages(request));
        if (request.usesTools()) {
            body.set("tools", AnthropicWire.tools(request.tools()));
            body.putObject("tool_choice").put("type", "auto");
        }
        var call = client.postAbs(baseUrl + "/v1/messages").timeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("anthropic-version", version);
        apiKey.ifPresent(key -> call.putHeader("x-api-key", key));
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
        return new ChatResponse(AnthropicWire.text(body.path("content")), AnthropicWire.toolCalls(body.path("content")),
                UsageNormaliser.anthropic(body.get("usage")), body, body.path("model").asText(null));
    }
}
