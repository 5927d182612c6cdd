package dev.evalplane.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What the gateway forwards to the services and what it passes back, against the real services. */
@QuarkusTest
@WithTestResource(value = RealStackResource.class)
class GatewayForwardingIT {

    @Test
    void acceptedRunsPointAtTheGatewayNotAtTheService() {
        String location = given().contentType("application/json")
                .body(Map.of("experiment_id", "loc-" + OtlpTraces.hex(6), "model", "openai:/gpt-4.1-mini",
                        "scorers", List.of(Map.of("builtin", "Safety")),
                        "data", List.of(Map.of("inputs", Map.of("q", "hi"), "outputs", "hello"))))
                .post("/api/v1/evaluations").then().statusCode(202).extract().header("Location");
        String runId = given().get(location).then().statusCode(200).extract().path("run_id");
        assertThat(location).isEqualTo("/api/v1/evaluations/" + runId);
        assertThat(RealStackResource.stack.gatewayConfig().values()).allSatisfy(serviceUrl ->
                assertThat(location).doesNotContain(serviceUrl.replaceFirst("^http://", "")));
    }

    @Test
    void otlpExportsKeepTheirExperimentAndRunHeaders() {
        String experiment = "otlp-" + OtlpTraces.hex(8);
        String run = "run-" + OtlpTraces.hex(12);
        String traceHex = OtlpTraces.hex(32);
        given().contentType("application/json").header("x-mlflow-experiment-id", experiment)
                .header("x-mlflow-run-id", run)
                .body(OtlpTraces.json(traceHex, OtlpTraces.hex(16), "Question", "Answer"))
                .post("/v1/traces").then().statusCode(200);
        JsonPath trace = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get("/api/v1/traces/tr-" + traceHex).then().extract().response(),
                r -> r.statusCode() == 200).jsonPath();
        assertThat(trace.getString("info.trace_metadata.'mlflow.sourceRun'")).isEqualTo(run);
    }
}
