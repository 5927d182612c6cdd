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

/**
 * Production traces end to end: an app exports OTLP/JSON to the gateway, trace-service stores the traces, an
 * evaluation selects them by filter_string (and by trace_ids), judges them, and the feedback carries its cost.
 */
@QuarkusTest
@WithTestResource(value = RealStackResource.class)
class ProductionTraceEvaluationTests {

    @Test
    void tracesIngestedOverOtlpAreEvaluatedByFilterStringAndByIds() {
        String experiment = "prod-" + OtlpTraces.hex(8);
        List<String> traceHex = List.of(OtlpTraces.hex(32), OtlpTraces.hex(32));
        for (int i = 0; i < traceHex.size(); i++) {
            given().contentType("application/json").header("x-mlflow-experiment-id", experiment)
                    .body(OtlpTraces.json(traceHex.get(i), OtlpTraces.hex(16), "Question " + i, "Answer " + i))
                    .post("/v1/traces").then().statusCode(200);
        }
        List<String> traceIds = traceHex.stream().map(h -> "tr-" + h).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> traceIds.forEach(id ->
                given().get("/api/v1/traces/" + id).then().statusCode(200)));

        double pagesBefore = traceServiceRequests("POST", "/api/v1/traces/batch-get");
        double singleBefore = traceServiceRequests("GET", "/api/v1/traces/{trace_id}");
        String byFilter = start(Map.of("experiment_id", experiment, "filter_string", "trace.status = 'OK'"));
        String byIds = start(Map.of("experiment_id", experiment, "trace_ids", traceIds));
        for (String runId : List.of(byFilter, byIds)) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    "COMPLETED".equals(given().get("/api/v1/evaluations/" + runId).then().extract().path("status")));
        }
        // scorer-service's RowLoader reads a page of stored traces in one request, not one GET per trace
        assertThat(traceServiceRequests("POST", "/api/v1/traces/batch-get") - pagesBefore).as("one page per run")
                .isEqualTo(2);
        assertThat(traceServiceRequests("GET", "/api/v1/traces/{trace_id}")).isEqualTo(singleBefore);
        for (String runId : List.of(byFilter, byIds)) {
            List<Feedback> feedback = SharedRuns.costedFeedback(runId, 2);
            assertThat(feedback).extracting(Feedback::traceId).containsExactlyInAnyOrderElementsOf(traceIds);
            assertThat(feedback).allSatisfy(f -> {
                assertThat(f.name()).isEqualTo("safety");
                assertThat(f.judgeCost()).isPositive();
            });
            assertThat(Runs.list(runId)).hasSize(2);
        }
    }

    /** trace-service's own count of the requests it answered on a route ({@code /q/metrics}, Micrometer). */
    private static double traceServiceRequests(String method, String uri) {
        String metrics = given().get(RealStackResource.stack.traceService().url("/q/metrics")).then().statusCode(200)
                .extract().asString();
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{") && line.contains("method=\"" + method + "\"")
                    && line.contains("uri=\"" + uri + "\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static String start(Map<String, Object> source) {
        Map<String, Object> body = new java.util.HashMap<>(source);
        body.put("model", "openai:/gpt-4.1-mini");
        body.put("scorers", List.of(Map.of("builtin", "Safety")));
        return given().contentType("application/json").body(body).post("/api/v1/evaluations")
                .then().statusCode(202).extract().path("run_id");
    }
}
