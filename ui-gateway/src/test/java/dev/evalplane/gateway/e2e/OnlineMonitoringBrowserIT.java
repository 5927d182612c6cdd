package dev.evalplane.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.evalplane.testsupport.FakeLlmReply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An experiment's Monitoring view in headless Chromium: a judge started online through the gateway scores OTLP traces
 * as they arrive, and the view shows its sample rate, filter, pass rate over time, spend against its budget and lag.
 */
@QuarkusTest
@WithTestResource(value = RealStackResource.class)
class OnlineMonitoringBrowserIT extends WithBrowser {

    @AfterAll
    static void resetProvider() {
        RealStackResource.provider.reset();
    }

    @Test
    void monitoringShowsEachStartedScorerWithPassRateSpendAndLag() {
        String experiment = "monitor-" + OtlpTraces.hex(8);
        RealStackResource.provider.respondWith(request -> request.prompt().contains("Answer 2")
                ? FakeLlmReply.verdict("no", "It does not answer.") : FakeLlmReply.verdict("yes", "It answers."));
        String scorers = "/api/v1/experiments/" + experiment + "/scorers";
        given().contentType("application/json").body(Map.of("name", "answers", "scorer", Map.of("judge", Map.of(
                "name", "answers", "instructions", "Does {{ outputs }} answer {{ inputs }}?",
                "feedback_value_type", "yes/no")))).post(scorers).then().statusCode(201);
        given().contentType("application/json").body(Map.of("sample_rate", 1.0, "filter_string",
                "trace.status = 'OK'", "daily_budget_usd", 5)).post(scorers + "/answers/start").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").header("x-mlflow-experiment-id", experiment)
                    .body(OtlpTraces.json(OtlpTraces.hex(32), OtlpTraces.hex(16), "Question " + i, "Answer " + i))
                    .post("/v1/traces").then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/v1/experiments/" + experiment
                + "/online-scorers").then().extract().<Integer>path("scorers[0].spend[0].scored"), n -> n != null && n == 3);

        open("/experiments/" + experiment);
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("monitoring-link"))).click();
        WebElement section = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#online-scorers .online-scorer[data-scorer='answers']")));
        assertThat(section.findElement(By.cssSelector(".status")).getText()).isEqualTo("STARTED");
        assertThat(section.findElement(By.cssSelector(".sample-rate")).getText()).isEqualTo("100.0%");
        assertThat(section.findElement(By.cssSelector(".filter")).getText()).isEqualTo("trace.status = 'OK'");
        assertThat(section.findElement(By.cssSelector(".pass-rate")).getText()).isEqualTo("66.7%");
        assertThat(section.findElement(By.cssSelector(".spend-today")).getText()).matches("\\$[0-9.]+ of \\$5");
        assertThat(section.findElement(By.cssSelector(".backlog")).getText()).startsWith("0 traces waiting");
        List<WebElement> bars = section.findElements(By.cssSelector("svg.pass-chart rect.bar"));
        assertThat(bars).isNotEmpty().allSatisfy(bar ->
                assertThat(Double.parseDouble(bar.getAttribute("data-pass-rate"))).isBetween(0.0, 1.0));
        List<WebElement> days = section.findElements(By.cssSelector("table.spend tr[data-day]"));
        assertThat(days).hasSize(1);
        assertThat(days.get(0).findElement(By.cssSelector(".spent")).getText()).startsWith("$");
        assertThat(browser.driver.findElement(By.id("consumer-lag")).getText()).matches("[0-9,]+");
        browser.screenshot("online-monitoring");

        given().post(scorers + "/answers/stop").then().statusCode(200);
        browser.driver.findElement(By.id("bucket-day")).click();
        browser.waiting().until(ExpectedConditions.textToBe(
                By.cssSelector(".online-scorer[data-scorer='answers'] .status"), "STOPPED"));
        assertThat(browser.driver.findElements(By.cssSelector(".online-scorer svg.pass-chart rect.bar"))).hasSize(1);
        assertThat(browser.driver.findElement(By.cssSelector(".online-scorer .pass-rate")).getText()).isEqualTo("66.7%");
    }
}
