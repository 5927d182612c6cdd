package dev.evalplane.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The web UI in headless Chromium against the gateway and the real services. Screenshots: target/screenshots. */
@QuarkusTest
@WithTestResource(value = RealStackResource.class)
class EvaluationUiBrowserIT extends WithBrowser {

    private WebElement feedbackCard(String name) {
        return browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#assessment-panel .assessment[data-assessment='" + name + "']")));
    }

    @Test
    void evaluationListHidesJudgeTracesAndShowsRunTotals() {
        String runId = SharedRuns.priced();
        List<Feedback> feedback = SharedRuns.costedFeedback(runId, 9);
        open("/runs/" + runId);
        List<WebElement> rows = browser.waiting().until(
                ExpectedConditions.numberOfElementsToBe(By.cssSelector("#eval-list tr.eval-row"), 3));
        Set<String> judgeTraces = Set.copyOf(feedback.stream().map(Feedback::judgeTraceId).toList());
        for (WebElement row : rows) {
            assertThat(judgeTraces).doesNotContain(row.getAttribute("data-trace-id"));
            assertThat(row.findElements(By.cssSelector(".chip"))).hasSize(3);
            assertThat(row.findElement(By.cssSelector(".row-cost")).getText()).startsWith("$");
        }
        assertThat(browser.driver.findElement(By.id("total")).getText()).isEqualTo("Total: 3");
        assertThat(browser.driver.findElements(By.cssSelector("#cost-chart rect.bar"))).hasSize(3);
        assertThat(browser.driver.findElement(By.cssSelector("#run-total-cost .v")).getText()).startsWith("$");
        browser.screenshot("run-evaluation-list");
    }

    @Test
    void theRunPageAsksForTheRunSummaryOncePerRender() {
        String runId = SharedRuns.priced();
        SharedRuns.costedFeedback(runId, 9);
        open("/runs/" + runId);
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#eval-list tr.eval-row"), 3));
        @SuppressWarnings("unchecked")
        List<String> requests = (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname);");
        String run = "/api/v1/evaluations/" + runId;
        // the run view carries the summary (judge cost and per-scorer figures): one run request, no second summary
        assertThat(requests).filteredOn(run::equals).hasSize(1);
        assertThat(requests).filteredOn(p -> p.startsWith(run + "/summary")).isEmpty();
        assertThat(requests).filteredOn(p -> p.equals(run + "/traces")).hasSize(1);
        // the per-scorer table and chart still come whole, now from the run view
        assertThat(browser.driver.findElements(By.cssSelector("#scorers tbody tr"))).hasSizeGreaterThanOrEqualTo(3)
                .hasSize(browser.driver.findElements(By.cssSelector("#cost-chart rect.bar")).size());
    }

    @Test
    void costTabShowsCostTokensAndAJudgeTraceLinkThatOpensANewWindow() {
        String runId = SharedRuns.priced();
        Feedback correctness = SharedRuns.costedFeedback(runId, 9).stream()
                .filter(f -> f.name().equals("correctness")).findFirst().orElseThrow();
        open("/traces/" + correctness.traceId());
        WebElement card = feedbackCard("correctness");
        card.findElement(By.cssSelector(".cost-tab")).click();
        assertThat(card.findElement(By.cssSelector(".judge-cost")).getText())
                .isEqualTo("$" + correctness.metadata().get("mlflow.assessment.judgeCost"));
        assertThat(card.findElement(By.cssSelector(".judge-input-tokens")).getText())
                .isEqualTo(String.format("%,d", correctness.inputTokens()));
        assertThat(card.findElement(By.cssSelector(".judge-output-tokens")).getText())
                .isEqualTo(String.format("%,d", correctness.outputTokens()));
        WebElement link = card.findElement(By.cssSelector("a.judge-trace-link"));
        assertThat(link.getText()).isEqualTo(correctness.judgeTraceId());
        assertThat(link.getAttribute("target")).isEqualTo("_blank");
        assertThat(link.getAttribute("rel")).contains("noopener");
        browser.screenshot("trace-view-cost-tab");

        String original = browser.driver.getWindowHandle();
        link.click();
        browser.waiting().until(d -> d.getWindowHandles().size() == 2);
        String opened = browser.driver.getWindowHandles().stream().filter(h -> !h.equals(original)).findFirst().orElseThrow();
        browser.driver.switchTo().window(opened);
        try {
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("span-tree"), "EVALUATOR"));
            assertThat(browser.driver.getCurrentUrl()).endsWith("#/traces/" + correctness.judgeTraceId());
            browser.screenshot("judge-trace-new-window");
        } finally {
            browser.driver.close();
            browser.driver.switchTo().window(original);
        }
    }

    @Test
    void spanTreeAndAssessmentTabsWorkFromTheKeyboardWithTheirAriaRoles() {
        String runId = SharedRuns.priced();
        Feedback correctness = SharedRuns.costedFeedback(runId, 9).stream()
                .filter(f -> f.name().equals("correctness")).findFirst().orElseThrow();
        open("/traces/" + correctness.judgeTraceId());
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("span-tree"), "EVALUATOR"));
        List<WebElement> nodes = browser.driver.findElements(By.cssSelector("#span-tree [role='treeitem']"));
        assertThat(nodes).hasSizeGreaterThan(1);
        assertThat(browser.driver.findElements(By.cssSelector("#span-tree [role='tree']"))).hasSize(1);
        WebElement selected = nodes.get(0);
        assertThat(selected.getAttribute("aria-selected")).isEqualTo("true");
        assertThat(selected.getAttribute("tabindex")).isEqualTo("0");
        assertThat(nodes.subList(1, nodes.size())).allSatisfy(n -> assertThat(n.getAttribute("tabindex")).isEqualTo("-1"));

        selected.click();
        new Actions(browser.driver).sendKeys(Keys.ARROW_DOWN).perform();
        WebElement second = nodes.get(1);
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(second);
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        assertThat(second.getAttribute("aria-selected")).isEqualTo("true");
        assertThat(selected.getAttribute("aria-selected")).isEqualTo("false");
        String secondName = second.getText().split("\n")[0];
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#span-details h2"), secondName.replaceAll("\\s*[A-Z_]+$", "")));

        open("/traces/" + correctness.traceId());
        WebElement card = feedbackCard("correctness");
        List<WebElement> tabs = card.findElements(By.cssSelector("[role='tablist'] [role='tab']"));
        assertThat(tabs).extracting(WebElement::getText).containsExactly("Details", "Cost");
        assertThat(tabs.get(0).getAttribute("aria-selected")).isEqualTo("true");
        WebElement costPanel = browser.driver.findElement(By.id(tabs.get(1).getAttribute("aria-controls")));
        assertThat(costPanel.getAttribute("role")).isEqualTo("tabpanel");
        assertThat(costPanel.isDisplayed()).isFalse();
        tabs.get(0).click();
        new Actions(browser.driver).sendKeys(Keys.ARROW_RIGHT).perform();
        assertThat(tabs.get(1).getAttribute("aria-selected")).isEqualTo("true");
        assertThat(tabs.get(0).getAttribute("aria-selected")).isEqualTo("false");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(tabs.get(1));
        assertThat(costPanel.isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.id("view")).getAttribute("aria-live")).isNull();
        browser.screenshot("keyboard-tabs");
    }

    @Test
    void pagesPassAxeAccessibilityRules() {
        String runId = SharedRuns.priced();
        Feedback correctness = SharedRuns.costedFeedback(runId, 9).stream()
                .filter(f -> f.name().equals("correctness")).findFirst().orElseThrow();
        Map<String, String> pages = Map.of("/", "#experiments", "/experiments/0", "#runs", "/runs/" + runId,
                "#eval-list", "/traces/" + correctness.traceId(), "#span-tree");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            open(page.getKey());
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(page.getValue())));
            Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa")).analyze(browser.driver);
            assertThat(results.getViolations()).as("axe on %s: %s", page.getKey(), results.getViolations().stream()
                    .map(v -> v.getId() + " " + v.getNodes().stream().map(n -> n.getTarget().toString()).toList())
                    .toList()).isEmpty();
            assertThat(results.getPasses()).as("axe ran its rules on %s", page.getKey()).hasSizeGreaterThan(10);
        }
    }

    @Test
    void unknownCostShowsDollarQuestionMarksWithAnExplainingTooltip() {
        String runId = SharedRuns.unpriced();
        Feedback helpful = SharedRuns.costedFeedback(runId, 9).stream()
                .filter(f -> f.name().equals("helpful")).findFirst().orElseThrow();
        open("/traces/" + helpful.traceId());
        // this row trace also carries the priced run's feedback: pick the card of the unpriced run's judge
        WebElement card = browser.waiting().until(d -> d.findElements(By.cssSelector("#assessment-panel .assessment[data-assessment='helpful']"))
                .stream().filter(c -> c.getText().contains(SharedRuns.UNPRICED_MODEL)).findFirst().orElse(null));
        card.findElement(By.cssSelector(".cost-tab")).click();
        WebElement unknown = card.findElement(By.cssSelector(".cost-unknown"));
        assertThat(unknown.getText()).startsWith("$??");
        WebElement tooltip = unknown.findElement(By.cssSelector(".tooltip"));
        assertThat(tooltip.isDisplayed()).isFalse();
        new Actions(browser.driver).moveToElement(unknown).perform();
        browser.waiting().until(ExpectedConditions.visibilityOf(tooltip));
        assertThat(tooltip.getText()).isEqualTo("No price known for model " + SharedRuns.UNPRICED_MODEL + ". Cost is not available.");
        browser.screenshot("unknown-cost-tooltip");
    }

    @Test
    void costTabIsHiddenForFeedbackWithoutAJudgeTraceAndAClientReportedCostIsLabelled() {
        String traceId = Runs.list(SharedRuns.priced()).get(0).get("trace_id").toString();
        given().contentType("application/json")
                .body(Map.of("name", "human_label", "assessment_type", "FEEDBACK", "value", "yes",
                        "rationale", "Checked by a person", "source", Map.of("source_type", "HUMAN", "source_id", "ana@example.com"),
                        "metadata", Map.of("mlflow.assessment.judgeCost", "0.0042")))
                .post("/api/v1/traces/" + traceId + "/assessments").then().statusCode(201);
        open("/traces/" + traceId);
        WebElement human = feedbackCard("human_label");
        assertThat(human.findElements(By.cssSelector(".cost-tab"))).isEmpty();
        assertThat(human.getText()).contains("Checked by a person").contains("HUMAN");
        assertThat(human.findElement(By.cssSelector(".client-reported-cost")).getText())
                .isEqualTo("Judge cost reported by the client (not verified, not in totals): $0.0042");
        assertThat(feedbackCard("correctness").findElements(By.cssSelector(".cost-tab"))).hasSize(1);
        browser.screenshot("human-feedback-no-cost-tab");
    }

    @Test
    void partiallyPricedRunShowsItsKnownSpendAndWhatIsUnpricedTheSameInTheRunListAndOnItsPage() {
        String runId = SharedRuns.partiallyPriced();
        SharedRuns.costedFeedback(runId, 6);
        open("/runs/" + runId);
        WebElement total = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#run-total-cost .cost")));
        String onRunPage = total.getText();
        assertThat(onRunPage).matches("\\$[0-9.]+ \\+ 3 unpriced");
        assertThat(total.getAttribute("title")).contains("3 judge calls not priced").contains(SharedRuns.UNPRICED_MODEL);
        assertThat(browser.driver.findElement(By.cssSelector("#scorers tr[data-scorer='concise'] .scorer-cost"))
                .getText()).isEqualTo("$??");
        assertThat(browser.driver.findElement(By.cssSelector("#scorers tr[data-scorer='correctness'] .scorer-cost"))
                .getText()).matches("\\$[0-9.]+");
        WebElement unpricedBar = browser.driver.findElement(By.cssSelector("#cost-chart rect[data-scorer='concise']"));
        assertThat(unpricedBar.getAttribute("class")).contains("bar-unpriced");
        assertThat(browser.driver.findElement(By.id("cost-chart")).getText()).contains("$??").doesNotContain("$0\n")
                .doesNotEndWith("$0");
        assertThat(browser.driver.findElements(By.cssSelector("#scorers thead th[scope='col']"))).hasSize(4);
        browser.screenshot("run-partially-priced");

        open("/experiments/0");
        WebElement inList = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#runs tr[data-run-id='" + runId + "'] .run-cost")));
        assertThat(inList.getText()).isEqualTo(onRunPage);
        browser.screenshot("run-list-costs");
    }

    @Test
    void llmSpanServedByAProxyIsPricedByModelNameAndTheSpanSaysWhichEntryPricedIt() {
        String traceHex = OtlpTraces.hex(32);
        String llmSpan = OtlpTraces.hex(16);
        String root = OtlpTraces.hex(16);
        String experiment = "proxy-" + OtlpTraces.hex(6);
        given().contentType("application/json").header("x-mlflow-experiment-id", experiment)
                .body(OtlpTraces.withProxiedLlmCall(traceHex, root, llmSpan, "claude-sonnet-4-5", 1000, 100))
                .post("/v1/traces").then().statusCode(200);
        String traceId = "tr-" + traceHex;
        // claude-sonnet-4-5 at Anthropic's rates: 1000 x $3/M + 100 x $15/M
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(given().get("/api/v1/traces/" + traceId).then().statusCode(200).extract().jsonPath()
                        .getString("info.trace_metadata.'mlflow.trace.cost'")).contains("\"total_cost\":0.0045"));
        open("/traces/" + traceId);
        WebElement node = browser.waiting().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector(".span-node[data-span-id='" + llmSpan + "']")));
        node.click();
        WebElement cost = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#span-details .span-cost")));
        assertThat(cost.getText()).isEqualTo(
                "Cost $0.0045 · priced as claude-sonnet-4-5 (by model name: openai has no such model) · bundled");
        browser.screenshot("span-priced-by-model-name");

        // a later call of the same trace to a model without a price: the known spend stays shown
        given().contentType("application/json").header("x-mlflow-experiment-id", experiment)
                .body(OtlpTraces.withProxiedLlmCall(traceHex, root, OtlpTraces.hex(16),
                        SharedRuns.UNPRICED_MODEL, 10, 10))
                .post("/v1/traces").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(given().get("/api/v1/traces/" + traceId)
                .then().extract().jsonPath().getString("info.trace_metadata.'evalplane.trace.costStatus'"))
                .isEqualTo("PARTIALLY_PRICED"));
        open("/traces/" + traceId);
        WebElement traceCost = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#trace-cost .cost")));
        assertThat(traceCost.getText()).isEqualTo("$0.0045 + 1 unpriced");
        assertThat(traceCost.getAttribute("title")).contains(SharedRuns.UNPRICED_MODEL);
    }

    @Test
    void traceContentIsShownAsTextNeverAsMarkup() {
        String runId = SharedRuns.priced();
        String hostile = Runs.list(runId).stream().filter(r -> String.valueOf(r.get("request_preview")).contains("<script>"))
                .map(r -> r.get("trace_id").toString()).findFirst().orElseThrow();
        open("/runs/" + runId);
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#eval-list tr.eval-row"), 3));
        assertThat(browser.driver.findElement(By.id("eval-list")).getText()).contains("<script>alert('x')</script>");
        open("/traces/" + hostile);
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("span-details"), "onerror"));
        assertThat(browser.driver.findElements(By.cssSelector("#view img"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#view script"))).isEmpty();
        browser.screenshot("escaped-trace-content");
    }
}
