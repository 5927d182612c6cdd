package dev.evalplane.judge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.judge.scorer.FeedbackValueType;
import dev.evalplane.judge.scorer.OutputFormat;
import dev.evalplane.judge.scorer.Verdict;
import dev.evalplane.judge.scorer.VerdictParser;
import dev.evalplane.testsupport.FakeLlmProvider;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/** The demo provider (scripts/run without an API key) answers our judges' prompts with verdicts they can parse. */
class DemoProviderTests {

    private static Vertx vertx;
    private static WebClient client;
    private static FakeLlmProvider demo;
    private static OpenAiProvider provider;
    private final VerdictParser parser = new VerdictParser(EventJson.mapper());

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
        demo = FakeLlmProvider.demo(0);
        provider = new OpenAiProvider(client, EventJson.mapper(), demo.openAiBaseUrl(), Optional.of("demo"), true,
                Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        demo.close();
        client.close();
        vertx.closeAndAwait();
    }

    private Verdict ask(FeedbackValueType type, String user) {
        ChatRequest request = new ChatRequest(OutputFormat.builtinSystem(type), user);
        ChatResponse response = provider.chat("demo-judge", request).await().atMost(Duration.ofSeconds(10));
        assertThat(response.usage().inputTokens()).isPositive();
        return parser.parse(response.text(), type);
    }

    @Test
    void answersEachValueTypeItIsAskedFor() {
        assertThat(ask(FeedbackValueType.YES_NO, "Is Paris the capital of France?").value().asText()).isIn("yes", "no");
        assertThat(ask(FeedbackValueType.parse(TextNode.valueOf("bool")), "Is it polite?").value().isBoolean()).isTrue();
        assertThat(ask(FeedbackValueType.parse(TextNode.valueOf("int")), "Rate 1-5").value().asInt()).isBetween(1, 5);
        FeedbackValueType categories = FeedbackValueType.parse(EventJson.mapper().valueToTree(new String[] { "good", "ok", "bad" }));
        assertThat(ask(categories, "How was it?").value().asText()).isIn("good", "ok", "bad");
    }

    @Test
    void isDeterministicAndSaysItIsADemo() {
        Verdict first = ask(FeedbackValueType.YES_NO, "Is the sky blue?");
        Verdict again = ask(FeedbackValueType.YES_NO, "Is the sky blue?");
        assertThat(again.value()).isEqualTo(first.value());
        assertThat(first.rationale()).contains("DEMO").contains("not a real model");
    }
}
