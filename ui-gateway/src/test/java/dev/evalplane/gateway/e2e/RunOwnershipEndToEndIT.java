package dev.evalplane.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.gateway.RawHttp;
import dev.evalplane.testsupport.HostileHeaders;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 12 item 3 on the real stack, through the public gateway: an attacker knows an evaluation run's id (scorer-
 * service executed it) and tries every client door that can name a run: OTLP {@code x-mlflow-run-id}, MLflow's
 * StartTraceV3 {@code trace_metadata}, MLflow's link-to-run, MLflow's log_feedback with {@code sourceRunId}. Each
 * attacker trace then gets a human assessment. The run's list, total, summary and {@code run_id} search keep exactly
 * what scorer-service produced, whose spans (judge traces included) stay in the run.
 */
@QuarkusTest
@WithTestResource(value = RealStackResource.class)
class RunOwnershipEndToEndIT {

    @Test
    void noClientDoorPutsATraceIntoARunEvalplaneExecuted() {
        String runId = SharedRuns.priced();
        List<Feedback> feedback = SharedRuns.costedFeedback(runId, 9);
        List<String> rows = Runs.list(runId).stream().map(r -> (String) r.get("trace_id")).toList();
        assertThat(rows).hasSize(3);
        List<String> judgeTraces = feedback.stream().map(Feedback::judgeTraceId).distinct().toList();
        assertThat(runSearch(runId)).containsAll(rows).containsAll(judgeTraces);

        String viaOtlp = "tr-" + OtlpTraces.hex(32);
        given().contentType("application/json").header("x-mlflow-experiment-id", "0").header("x-mlflow-run-id", runId)
                .body(OtlpTraces.json(viaOtlp.substring(3), OtlpTraces.hex(16), "Question?", "Forged answer"))
                .post("/v1/traces").then().statusCode(200);

        String viaTraceInfo = "tr-" + OtlpTraces.hex(32);
        given().contentType("application/json").body(Map.of("trace", Map.of("trace_info", Map.of(
                        "trace_id", viaTraceInfo, "trace_location", Map.of("type", "MLFLOW_EXPERIMENT",
                                "mlflow_experiment", Map.of("experiment_id", "0")),
                        "request_time", Instant.now().toString(), "state", "OK",
                        "trace_metadata", Map.of("mlflow.sourceRun", runId)))))
                .post("/api/3.0/mlflow/traces").then().statusCode(200);

        String viaLink = "tr-" + OtlpTraces.hex(32);
        given().contentType("application/json").header("x-mlflow-experiment-id", "0")
                .body(OtlpTraces.json(viaLink.substring(3), OtlpTraces.hex(16), "Question?", "Linked answer"))
                .post("/v1/traces").then().statusCode(200);
        given().contentType("application/json").body(Map.of("run_id", runId, "trace_ids", List.of(viaLink)))
                .post("/api/2.0/mlflow/traces/link-to-run").then().statusCode(403)
                .body("error_code", equalTo("PERMISSION_DENIED"));

        for (String trace : List.of(viaOtlp, viaTraceInfo, viaLink)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/traces/" + trace).then()
                    .statusCode(200));
            given().contentType("application/json").body(Map.of("assessment", Map.of("trace_id", trace,
                            "assessment_name", "thumbs_up", "source", Map.of("source_type", "HUMAN", "source_id", "mallory"),
                            "feedback", Map.of("value", true), "metadata", Map.of("mlflow.assessment.sourceRunId", runId))))
                    .post("/api/3.0/mlflow/traces/" + trace + "/assessments").then().statusCode(200);
        }

        List<String> attackers = List.of(viaOtlp, viaTraceInfo, viaLink);
        assertThat(Runs.list(runId)).extracting(r -> (String) r.get("trace_id"))
                .containsExactlyInAnyOrderElementsOf(rows);
        given().get("/api/v1/evaluations/" + runId + "/traces").then().statusCode(200).body("total", equalTo(3));
        given().get("/api/v1/evaluations/" + runId + "/summary").then().statusCode(200).body("traces", equalTo(3));
        assertThat(runSearch(runId)).containsAll(rows).containsAll(judgeTraces).doesNotContainAnyElementsOf(attackers);
    }

    /**
     * The run and experiment headers the gateway forwards to trace-service, oversized or with control characters: a
     * 4xx problem+json, or 200 and the trace stored; never a 5xx, never 200 and the trace lost later. A header value
     * with control characters is refused by Netty's HTTP codec (a bare 400, SECURITY.md residual risks) before any
     * code of ours runs.
     */
    @Test
    void oddForwardedRunHeadersAreRefusedOrStoredNeverLost() {
        for (HostileHeaders.Hostile c : HostileHeaders.all()) {
            String hex = OtlpTraces.hex(32);
            Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of(c.header(), c.value()));
            headers.put("Content-Type", "application/json");
            RawHttp.Answer answer = RawHttp.send("POST", "/v1/traces",
                    headers, OtlpTraces.json(hex, OtlpTraces.hex(16), "Q", "A").getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as(c.name() + ": " + answer).isEqualTo(400);
            if (!c.codecRefusal()) {
                assertThat(answer.contentType()).as(c.name()).startsWith("application/problem+json");
            }
            given().get("/api/v1/traces/tr-" + hex).then().statusCode(404);
        }
    }

    private static List<String> runSearch(String runId) {
        return given().contentType("application/json").body(Map.of("experiment_ids", List.of("0"),
                        "filter_string", "run_id = '" + runId + "'", "max_results", 500))
                .post("/api/v1/traces/search").then().statusCode(200).extract().jsonPath().getList("traces.trace_id");
    }
}
