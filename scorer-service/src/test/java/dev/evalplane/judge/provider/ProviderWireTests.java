package dev.evalplane.judge.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.FakeLlmReply;
import dev.evalplane.testsupport.FakeLlmRequest;
import dev.evalplane.testsupport.FakeUsage;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/** The two wire formats end to end over HTTP, against the fake provider's real OpenAI / Anthropic bodies. */
class ProviderWireTests {

    private static final ChatRequest PROMPT = new ChatRequest("You are a judge.", "Is 2+2=4? Answer in JSON.");
    private static Vertx vertx;
    private static WebClient client;
    private static FakeLlmProvider fake;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
        fake = FakeLlmProvider.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
        client.close();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void reset() {
        fake.reset().requireApiKey(true);
    }

    private OpenAiProvider openAi() {
        return new OpenAiProvider(client, EventJson.mapper(), fake.openAiBaseUrl(), Optional.of("sk-test-openai"), true,
                Duration.ofSeconds(5));
    }

    private AnthropicProvider anthropic() {
        return new AnthropicProvider(client, EventJson.mapper(), fake.anthropicBaseUrl(), Optional.of("sk-ant-test"),
                "2023-06-01", 512, Duration.ofSeconds(5));
    }

    @Test
    void openAiSendsChatCompletionsAndNormalisesUsage() {
        fake.usage(new FakeUsage(1200, 300, 1000, 0, 120));
        ChatResponse response = openAi().chat("gpt-4.1-mini", PROMPT).await().atMost(Duration.ofSeconds(10));

        assertThat(response.text()).contains("\"result\": \"yes\"");
        assertThat(response.usage()).isEqualTo(new TokenUsage(1200L, 300L, 1500L, 1000L, null, 120L));
        assertThat(response.responseModel()).isEqualTo("gpt-4.1-mini");
        FakeLlmRequest sent = fake.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("authorization")).isEqualTo("Bearer sk-test-openai");
        assertThat(sent.model()).isEqualTo("gpt-4.1-mini");
        assertThat(sent.system()).isEqualTo(PROMPT.system());
        assertThat(sent.user()).isEqualTo(PROMPT.user());
        assertThat(sent.body().path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @Test
    void anthropicSendsMessagesWithVersionHeaderAndCountsCacheIntoInput() {
        fake.usage(new FakeUsage(1250, 80, 1000, 200, 0));
        ChatResponse response = anthropic().chat("claude-sonnet-4-5", PROMPT).await().atMost(Duration.ofSeconds(10));

        assertThat(response.usage()).isEqualTo(new TokenUsage(1250L, 80L, 1330L, 1000L, 200L, null));
        FakeLlmRequest sent = fake.requests().get(0);
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.body().path("max_tokens").asInt()).isEqualTo(512);
        assertThat(sent.system()).isEqualTo(PROMPT.system());
        assertThat(sent.body().path("messages").get(0).path("role").asText()).isEqualTo("user");
    }

    @Test
    void anthropicOneHourCacheWritesComeThroughTheWire() {
        fake.usage(new FakeUsage(1250, 80, 1000, 200, 0).withOneHourCacheWrites(150));
        ChatResponse response = anthropic().chat("claude-sonnet-4-5", PROMPT).await().atMost(Duration.ofSeconds(10));

        assertThat(response.usage()).isEqualTo(new TokenUsage(1250L, 80L, 1330L, 1000L, 200L, null, 150L));
    }

    @Test
    void rateLimitIsRetryableAndCarriesRetryAfter() {
        fake.enqueue(FakeLlmReply.rateLimited(7));
        assertThatThrownBy(() -> openAi().chat("gpt-4.1-mini", PROMPT).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(e.getMessage()).contains("provider returned 429").contains("Rate limit");
                });
    }

    @Test
    void serverErrorsAreRetryableClientErrorsAreNot() {
        fake.enqueue(FakeLlmReply.error(503), FakeLlmReply.error(400));
        assertThatThrownBy(() -> anthropic().chat("claude-haiku-4-5", PROMPT).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> anthropic().chat("claude-haiku-4-5", PROMPT).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void missingKeyIsRejectedLikeTheRealApi() {
        OpenAiProvider keyless = new OpenAiProvider(client, EventJson.mapper(), fake.openAiBaseUrl(), Optional.empty(),
                true, Duration.ofSeconds(5));
        assertThatThrownBy(() -> keyless.chat("gpt-4.1-mini", PROMPT).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void slowProviderTimesOutAsRetryableFailure() {
        fake.latency(Duration.ofMillis(1500));
        OpenAiProvider impatient = new OpenAiProvider(client, EventJson.mapper(), fake.openAiBaseUrl(),
                Optional.of("k"), true, Duration.ofMillis(300));
        assertThatThrownBy(() -> impatient.chat("gpt-4.1-mini", PROMPT).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.reason()).isEqualTo("provider timed out");
                    assertThat(e.retryable()).isTrue();
                });
    }
}
