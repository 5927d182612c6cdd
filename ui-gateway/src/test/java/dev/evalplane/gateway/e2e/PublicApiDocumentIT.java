package dev.evalplane.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The gateway's {@code /q/openapi} against the real services: one valid OpenAPI document of the whole public API (the
 * services' routes with their bodies, the gateway's MLflow routes, none of the internal routes), and its rendered page
 * in the UI ({@code #/api}) in Chromium.
 */
@QuarkusTest
@WithTestResource(value = RealStackResource.class)
class PublicApiDocumentIT {

    @TestHTTPResource("/")
    URL root;

    private static final String JSON = "content.'application/json'.schema.'$ref'";

    @Test
    void oneValidDocumentDescribesTheServicesRoutesWithTheirBodies() {
        String body = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .contentType("application/json").extract().asString();
        // every reference resolves inside the document (the merge rewrites component names per service)
        List<String> refs = new ArrayList<>();
        collectRefs(readTree(body), refs);
        assertThat(refs).isNotEmpty();
        JsonNode components = readTree(body).path("components");
        assertThat(refs).allSatisfy(ref -> {
            assertThat(ref).startsWith("#/components/");
            String[] parts = ref.substring("#/components/".length()).split("/");
            assertThat(components.path(parts[0]).has(parts[1])).as("%s resolves", ref).isTrue();
        });

        JsonPath doc = JsonPath.from(body);
        assertThat(doc.getString("openapi")).startsWith("3.");
        assertThat(doc.getString("info.description")).doesNotContain("unreachable");
        assertThat(doc.getMap("paths")).containsKeys("/api/v1/traces/search", "/api/v1/traces/{trace_id}",
                "/api/v1/traces/{trace_id}/assessments", "/api/v1/evaluations/{run_id}/summary",
                "/api/v1/evaluations/{run_id}/traces", "/api/v1/evaluations", "/api/v1/evaluations/{run_id}",
                "/api/v1/prices", "/api/v1/prices/overrides/{model}", "/v1/traces", "/version",
                "/api/2.0/mlflow/experiments/get-by-name", "/api/3.0/mlflow/traces/search", "/q/openapi")
                .doesNotContainKeys("/api/v1/{path}", "/api/2.0/mlflow/{path}", "/api/v1/evaluations/summaries",
                        "/api/v1/evaluations/{run_id}/links", "/api/v1/client-runs");
        String search = "paths.'/api/v1/traces/search'.post";
        assertThat(doc.getString(search + ".requestBody." + JSON)).endsWith("/TraceSearchRequest");
        assertThat(doc.getString(search + ".responses.'200'." + JSON)).endsWith("/TracePage");
        assertThat(doc.getString(search + ".x-evalplane-service")).isEqualTo("trace-service");
        assertThat(doc.getMap("components.schemas.TraceSearchRequest.properties")).containsKeys("experiment_ids",
                "filter_string", "order_by", "max_results", "page_token");
        assertThat(doc.getMap("components.schemas.TraceInfo.properties")).containsKeys("trace_id", "tags");
        assertThat(doc.getString("paths.'/api/v1/prices'.get.responses.'200'." + JSON)).endsWith("/PriceView");
        assertThat(doc.getMap("components.schemas.PriceView.properties")).containsKeys("rates", "source", "match");
        assertThat(doc.getString("paths.'/api/v1/evaluations'.post.x-evalplane-service")).isEqualTo("scorer-service");
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");

        String yaml = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(yaml).contains("/api/v1/traces/search:").doesNotStartWith("{");
    }

    @Test
    void theApiPageRendersTheDocumentInTheBrowser() {
        try (Browser browser = new Browser()) {
            browser.driver.get(root.toString());
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Experiments"));
            browser.driver.findElement(By.id("api-link")).click();
            WebElement search;
            try {
                search = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector(".api-op[data-method='POST'][data-path='/api/v1/traces/search']")));
            } catch (org.openqa.selenium.TimeoutException e) {
                browser.screenshot("api-page-failed");
                throw new AssertionError("the API page did not render; at " + browser.driver.getCurrentUrl() + " it shows: "
                        + browser.driver.findElement(By.id("view")).getText().lines().limit(5).toList(), e);
            }
            List<String> fields = search.findElements(By.cssSelector("table.request-schema tbody th")).stream()
                    .map(WebElement::getText).toList();
            assertThat(fields).anySatisfy(f -> assertThat(f).startsWith("experiment_ids"))
                    .anySatisfy(f -> assertThat(f).startsWith("filter_string"));
            assertThat(search.findElement(By.cssSelector(".responses li[data-status='200'] table.response-schema"))
                    .getAttribute("data-schema")).isEqualTo("TracePage");
            assertThat(browser.driver.findElements(By.cssSelector(".api-op[data-path='/api/2.0/mlflow/experiments/get-by-name']")))
                    .isNotEmpty();
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("evalplane public API");
            browser.screenshot("api-page");
        }
    }

    private static JsonNode readTree(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("the document is not JSON", e);
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }
}
