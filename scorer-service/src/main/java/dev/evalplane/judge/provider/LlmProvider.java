package dev.evalplane.judge.provider;

import io.smallrye.mutiny.Uni;

/** One provider wire format. Fails with {@link ProviderException}; never retries by itself. */
public interface LlmProvider {

    /** The provider name in model URIs and in the {@code llm} block ({@code openai}, {@code anthropic}). */
    String name();

    Uni<ChatResponse> chat(String model, ChatRequest request);

    /** A configured base URL ready for {@code base + "/path"}: without trailing slashes. */
    static String baseUrl(String configured) {
        String url = configured;
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }
}
