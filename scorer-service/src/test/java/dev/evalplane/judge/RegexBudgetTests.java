package dev.evalplane.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Catastrophically backtracking regex scorers: checking a request's data rows runs off the event loop, so health
 * checks are answered meanwhile, and stops at one time budget for the whole request (not per row) with a 400 problem
 * that names the scorer, never a 500. (The judgement budget of runs and agent judges: AgentJudgeTests, JudgeToolsTests.)
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class RegexBudgetTests {

    private static final int CONCURRENT = 8;

    @TestHTTPResource("/api/v1/evaluations")
    URI evaluations;

    @TestHTTPResource("/q/health/live")
    URI health;

    @Test
    void catastrophicPatternsAreCheckedOffTheEventLoopWithinOneBudgetPerRequest() throws Exception {
        String row = "{\"inputs\": \"q\", \"outputs\": \"" + "a".repeat(200) + "\"}";
        String body = "{\"data\": [" + String.join(", ", Collections.nCopies(400, row)) + "], \"scorers\": ["
                + "{\"code\": {\"type\": \"regex\", \"name\": \"three_as_then_b\", \"pattern\": \"(.*a){3}b\"}}]}";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> checks = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            checks.add(http.sendAsync(HttpRequest.newBuilder(evaluations).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        HttpResponse<String> live = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(checks).as("health answered while the patterns were still being checked")
                .anyMatch(check -> !check.isDone());

        for (CompletableFuture<HttpResponse<String>> check : checks) {
            HttpResponse<String> answer = check.join();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).contains("scorers[0] (three_as_then_b): checking the data rows stopped at data[")
                    .contains("regular expression matching took longer than 3000 ms, the time budget per evaluation"
                            + " request check");
        }
    }
}
