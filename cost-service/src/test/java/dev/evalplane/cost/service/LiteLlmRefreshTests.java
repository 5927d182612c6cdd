package dev.evalplane.cost.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.evalplane.cost.config.PricesConfig;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Loading a LiteLLM map from a URL; a failed or truncated download keeps the previous table. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class LiteLlmRefreshTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    PriceTableService prices;

    @Inject
    PricesConfig config;

    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws IOException {
        String fixture = Files.readString(Path.of(config.litellm().location().orElseThrow()));
        String cheaperGroq = fixture.replace("\"input_cost_per_token\": 5.9e-07", "\"input_cost_per_token\": 4.9e-07");
        assertThat(cheaperGroq).isNotEqualTo(fixture);
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        serve("/prices.json", 200, cheaperGroq);
        serve("/truncated.json", 200, "{\"gpt-4o\": {\"input_cost_per_token\": 1e-06, \"litellm_provider\": \"openai\"}}");
        serve("/broken.json", 200, "{\"gpt-4o\": ");
        serve("/missing.json", 404, "not here");
        server.start();
        base = "http://localhost:" + server.getAddress().getPort();
    }

    private void serve(String path, int status, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    @AfterEach
    void restore() {
        server.stop(0);
        assertThat(prices.refreshLiteLlm().await().atMost(WAIT)).isTrue();
    }

    @Test
    void failuresKeepThePreviousTableAndAGoodUrlReplacesIt() {
        String before = prices.current().version();
        for (String bad : new String[] { "/missing.json", "/broken.json", "/truncated.json" }) {
            assertThat(prices.refreshLiteLlm(base + bad).await().atMost(WAIT)).as(bad).isFalse();
            assertThat(prices.current().version()).as(bad).isEqualTo(before);
        }
        given().queryParam("model", "groq/llama-3.3-70b-versatile").get("/api/v1/prices").then().statusCode(200)
                .body("rates.input_cost_per_token", equalTo(5.9e-07f));

        assertThat(prices.refreshLiteLlm(base + "/prices.json").await().atMost(WAIT)).isTrue();
        String after = prices.current().version();
        assertThat(after).isNotEqualTo(before).matches("evalplane-2026-11-24\\+litellm-[0-9a-f]{8}.*");
        given().queryParam("model", "groq/llama-3.3-70b-versatile").get("/api/v1/prices").then().statusCode(200)
                .body("source", equalTo("litellm")).body("price_table_version", equalTo(after))
                .body("rates.input_cost_per_token", equalTo(4.9e-07f));
    }
}
