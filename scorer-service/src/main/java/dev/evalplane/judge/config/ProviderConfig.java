package dev.evalplane.judge.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * LLM provider endpoints and keys. Keys come from {@code OPENAI_API_KEY} / {@code ANTHROPIC_API_KEY}; they are sent
 * only as request headers, never logged, never put in spans.
 */
@ConfigMapping(prefix = "evalplane.providers")
public interface ProviderConfig {

    OpenAi openai();

    Anthropic anthropic();

    interface OpenAi {
        /** Chat Completions base URL; any OpenAI-compatible endpoint (vLLM, Ollama, LiteLLM proxy) works. */
        @WithDefault("https://api.openai.com/v1")
        String baseUrl();

        Optional<String> apiKey();

        /** Send {@code response_format: json_object}; turn off for endpoints that reject it. */
        @WithDefault("true")
        boolean jsonMode();
    }

    interface Anthropic {
        @WithDefault("https://api.anthropic.com")
        String baseUrl();

        Optional<String> apiKey();

        @WithDefault("2023-06-01")
        String version();
    }
}
