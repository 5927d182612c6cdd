package dev.evalplane.judge.provider;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.judge.config.JudgeConfig;
import dev.evalplane.judge.config.ProviderConfig;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;

/** The configured providers, by the name used in model URIs. */
@ApplicationScoped
public class LlmProviders {

    private final Map<String, LlmProvider> providers;

    public LlmProviders(WebClient client, ObjectMapper json, ProviderConfig config, JudgeConfig judge) {
        ProviderConfig.OpenAi openai = config.openai();
        ProviderConfig.Anthropic anthropic = config.anthropic();
        this.providers = Map.of(
                "openai", new OpenAiProvider(client, json, openai.baseUrl(), openai.apiKey(), openai.jsonMode(),
                        judge.callTimeout()),
                "anthropic", new AnthropicProvider(client, json, anthropic.baseUrl(), anthropic.apiKey(),
                        anthropic.version(), judge.maxOutputTokens(), judge.callTimeout()));
    }

    public Set<String> names() {
        return providers.keySet();
    }

    /** The provider for a model URI; IllegalArgumentException when it is not one we speak. */
    public LlmProvider forModel(ModelUri uri) {
        LlmProvider provider = providers.get(uri.provider());
        if (provider == null) {
            throw new IllegalArgumentException("model provider '" + uri.provider() + "' is not supported; use one of "
                    + providers.keySet().stream().sorted().toList() + " (any OpenAI-compatible endpoint works as openai"
                    + " through OPENAI_BASE_URL)");
        }
        return provider;
    }
}
