package dev.evalplane.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.internalauth.InternalToken;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With the shared internal token on, the services refuse callers without it, and every internal call still works:
 * the gateway to each service, scorer-service to trace-service (trace search) and to cost-service (prices).
 */
@QuarkusTest
@WithTestResource(InternalTokenStackResource.class)
class InternalTokenEndToEndIT {

    @Test
    void servicesRefuseCallersWithoutTheToken() {
        String traceService = InternalTokenStackResource.stack.traceService().url("");
        given().baseUri(traceService).get("/api/v1/experiments").then().statusCode(401);
        given().baseUri(traceService).header(InternalToken.HEADER, InternalTokenStackResource.TOKEN)
                .get("/api/v1/experiments").then().statusCode(200);
        given().baseUri(traceService).get("/q/health/ready").then().statusCode(200);
        given().baseUri(InternalTokenStackResource.stack.costService().url("")).post("/api/v1/prices/reprice").then()
                .statusCode(401);
        given().baseUri(InternalTokenStackResource.stack.scorerService().url("")).get("/api/v1/evaluations").then()
                .statusCode(401);
    }

    @Test
    void anEvaluationOverStoredTracesRunsThroughEveryInternalCall() {
        String experiment = "internal-" + OtlpTraces.hex(8);
        String traceHex = OtlpTraces.hex(32);
        given().contentType("application/json").header("x-mlflow-experiment-id", experiment)
                .body(OtlpTraces.json(traceHex, OtlpTraces.hex(16), "Question", "Answer"))
                .post("/v1/traces").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/traces/tr-" + traceHex).then().statusCode(200));
        String runId = given().contentType("application/json")
                .body(Map.of("experiment_id", experiment, "filter_string", "trace.status = 'OK'",
                        "model", "openai:/gpt-4.1-mini", "scorers", List.of(Map.of("builtin", "Safety"))))
                .post("/api/v1/evaluations").then().statusCode(202).extract().path("run_id");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "COMPLETED".equals(given().get("/api/v1/evaluations/" + runId).then().extract().path("status")));
        List<Feedback> feedback = SharedRuns.costedFeedback(runId, 1);
        assertThat(feedback).singleElement().satisfies(f -> {
            assertThat(f.traceId()).isEqualTo("tr-" + traceHex);
            assertThat(f.judgeCost()).isPositive();
        });
    }
}
