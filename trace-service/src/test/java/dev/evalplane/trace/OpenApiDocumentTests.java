package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;

/** trace-service's /q/openapi describes its real request and response bodies, in their JSON names. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class OpenApiDocumentTests {

    private static final String JSON = "content.'application/json'.schema";

    @Test
    void searchAndAssessmentBodiesAreDescribed() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        String search = "paths.'/api/v1/traces/search'.post";
        assertThat(doc.getString(search + ".requestBody." + JSON + ".'$ref'")).endsWith("/TraceSearchRequest");
        assertThat(doc.getString(search + ".responses.'200'." + JSON + ".'$ref'")).endsWith("/TracePage");
        assertThat(doc.getMap("components.schemas.TraceSearchRequest.properties"))
                .containsKeys("experiment_ids", "filter_string", "order_by", "max_results", "page_token");
        assertThat(doc.getInt("components.schemas.TraceSearchRequest.properties.max_results.maximum")).isEqualTo(500);
        assertThat(doc.getList("components.schemas.TraceSearchRequest.required", String.class))
                .contains("experiment_ids");
        assertThat(doc.getMap("components.schemas.TracePage.properties")).containsKeys("traces", "next_page_token");
        assertThat(doc.getMap("components.schemas.TraceInfo.properties"))
                .containsKeys("trace_id", "request_time", "trace_metadata", "tags", "assessments");

        String create = "paths.'/api/v1/traces/{trace_id}/assessments'.post";
        assertThat(doc.getString(create + ".requestBody." + JSON + ".'$ref'")).endsWith("/AssessmentCreateRequest");
        assertThat(doc.getString(create + ".responses.'201'." + JSON + ".'$ref'")).endsWith("/Assessment");
        assertThat(doc.getString(create + ".responses.'400'.'$ref'")).endsWith("/BadRequest");
        assertThat(doc.getMap("components.responses.BadRequest.content")).containsKey("application/problem+json");
        assertThat(doc.getString("paths.'/api/v1/evaluations/{run_id}/summary'.get.responses.'200'." + JSON
                + ".'$ref'")).endsWith("/RunSummary");
        assertThat(doc.getString("paths.'/api/v1/traces/{trace_id}/info'.put.requestBody." + JSON + ".'$ref'"))
                .endsWith("/TraceInfoWrite");
    }
}
