package dev.evalplane.gateway.mlflow;

import static dev.evalplane.gateway.mlflow.MlflowExperimentsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.gateway.e2e.Browser;

/**
 * Assessments through the real MLflow client (log_feedback, log_expectation, override_feedback, get_assessment,
 * update_assessment including a rename, delete_assessment, feedback with an error) go through trace-service's assessment API: what
 * the client wrote is what evalplane's own API and its UI show, overrides included.
 */
class MlflowAssessmentsIT {

    private static MlflowStack stack;

    @BeforeAll
    static void start() {
        stack = MlflowStack.get();
    }

    @Test
    void clientAssessmentsShowInEvalplane() {
        String traceId = OtlpExport.storeTrace(stack, "mlflow-assessments-" + OtlpExport.hex(8));

        JsonNode out = stack.run("assessments.py", Map.of("TRACE_ID", traceId));

        Map<String, JsonNode> logged = byName(out.path("logged"));
        assertThat(logged.keySet()).containsExactlyInAnyOrder("relevance", "expected_answer", "expected_length",
                "correctness", "safety");
        JsonNode relevance = logged.get("relevance");
        assertThat(relevance.path("kind").asText()).isEqualTo("Feedback");
        assertThat(relevance.path("value").asBoolean()).isTrue();
        assertThat(relevance.path("trace_id").asText()).isEqualTo(traceId);
        assertThat(relevance.path("source_type").asText()).isEqualTo("HUMAN");
        assertThat(relevance.path("metadata").path("reviewer_team").asText()).isEqualTo("qa");
        assertThat(logged.get("expected_answer").path("kind").asText()).isEqualTo("Expectation");
        assertThat(logged.get("expected_answer").path("value").path("facts").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(logged.get("safety").path("error").asText()).isEqualTo("TIMEOUT");
        JsonNode override = out.path("logged").get(4);
        assertThat(override.path("name").asText()).isEqualTo("correctness");
        assertThat(override.path("value").asText()).isEqualTo("yes");
        String judgeId = out.path("logged").get(3).path("assessment_id").asText();
        assertThat(override.path("overrides").asText()).isEqualTo(judgeId);

        assertThat(out.path("got").path("assessment_id").asText()).isEqualTo(relevance.path("assessment_id").asText());
        assertThat(out.path("got").path("rationale").asText()).isEqualTo("on topic");
        assertThat(out.path("updated").path("value").asBoolean()).isFalse();
        assertThat(out.path("updated").path("rationale").asText()).isEqualTo("off topic after all");
        assertThat(out.path("renamed").path("name").asText()).isEqualTo("expected_facts");
        assertThat(out.path("renamed").path("value").path("facts").size()).isEqualTo(3);
        assertError(out.path("get_deleted"), "RESOURCE_DOES_NOT_EXIST", 404);
        assertError(out.path("on_missing_trace"), "RESOURCE_DOES_NOT_EXIST", 404);
        assertThat(byName(out.path("final")).keySet()).doesNotContain("expected_length");

        // evalplane's own API shows what the client wrote
        JsonNode stored = OtlpExport.trace(stack, traceId).path("info").path("assessments");
        Map<String, JsonNode> byId = new HashMap<>();
        stored.forEach(a -> byId.put(a.path("assessment_id").asText(), a));
        assertThat(byId).hasSize(5);
        JsonNode storedRelevance = byId.get(relevance.path("assessment_id").asText());
        assertThat(storedRelevance.path("value").asBoolean()).isFalse();
        assertThat(storedRelevance.path("rationale").asText()).isEqualTo("off topic after all");
        assertThat(storedRelevance.path("source").path("source_id").asText()).isEqualTo("ann@example.com");
        assertThat(byId.get(judgeId).path("valid").asBoolean()).isFalse();
        JsonNode storedOverride = byId.get(override.path("assessment_id").asText());
        assertThat(storedOverride.path("overrides").asText()).isEqualTo(judgeId);
        assertThat(storedOverride.path("valid").asBoolean()).isTrue();
        JsonNode storedExpectation = byId.get(logged.get("expected_answer").path("assessment_id").asText());
        assertThat(storedExpectation.path("name").asText()).isEqualTo("expected_facts");
        assertThat(storedExpectation.path("value").path("facts").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(byId.get(logged.get("safety").path("assessment_id").asText()).path("error").path("error_code")
                .asText()).isEqualTo("TIMEOUT");

        // and so does its UI: the trace view's assessment panel
        try (Browser browser = new Browser()) {
            browser.driver.get(stack.gateway.url("/"));
            ((JavascriptExecutor) browser.driver).executeScript("sessionStorage.setItem('evalplane.token', arguments[0]);",
                    MlflowStack.TOKEN);
            browser.driver.get("about:blank");
            browser.driver.get(stack.gateway.url("/#/traces/" + traceId));
            WebElement card = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#assessment-panel .assessment[data-assessment='relevance']")));
            assertThat(card.getText()).contains("off topic after all").contains("ann@example.com");
            assertThat(browser.driver.findElements(By.cssSelector(
                    "#assessment-panel .assessment[data-assessment='correctness']")))
                    .anySatisfy(c -> assertThat(c.getText()).contains("(overridden)"));
            assertThat(browser.driver.findElement(By.cssSelector(
                    "#assessment-panel .assessment[data-assessment='expected_facts']")).getText()).contains("42");
            browser.screenshot("mlflow-client-assessments");
        }
    }

    private static Map<String, JsonNode> byName(JsonNode assessments) {
        Map<String, JsonNode> byName = new HashMap<>();
        assessments.forEach(a -> byName.putIfAbsent(a.path("name").asText(), a));
        return byName;
    }
}
