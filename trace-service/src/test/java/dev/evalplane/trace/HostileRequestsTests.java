package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.Ids;
import dev.evalplane.testsupport.HostileRequests;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The hostile request table against every route of trace-service's own OpenAPI document (issue 12 item 7). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class HostileRequestsTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noHostileRequestGetsA5xxOrAnAnswerWithoutAProblem() throws Exception {
        String trace = Ids.newTraceId();
        String run = "run-hostile-" + Ids.newSpanId();
        Spans.sendTrace(trace, "exp-hostile", 0, null, Map.of("mlflow.sourceRun", run));
        Events.send(Events.judgeFeedback(trace, "correctness", TextNode.valueOf("yes"), run, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/traces/" + trace).then()
                .statusCode(200).body("info.assessments.size()", org.hamcrest.Matchers.is(1)));
        String assessment = Ids.assessmentId(run, trace, "correctness");

        URI uri = base.toURI();
        assertThat(HostileRequests.routes(uri)).extracting(HostileRequests.Route::key)
                .contains("POST /api/v1/traces/{trace_id}/assessments", "POST /api/v1/traces/search", "POST /v1/traces",
                        "GET /api/v1/evaluations/{run_id}/summary");
        Map<String, String> examples = new java.util.HashMap<>(Map.of(
                "POST /api/v1/experiments", "{\"name\": \"hostile-" + Ids.newSpanId() + "\", \"tags\": {\"k\": \"v\"}}",
                "POST /api/v1/experiments/search", "{\"filter_string\": \"name LIKE 'h%'\", \"max_results\": 10}",
                "PATCH /api/v1/experiments/{experiment_id}/tags", "{\"set\": {\"k\": \"v\"}, \"delete\": [\"old\"]}",
                "PATCH /api/v1/traces/{trace_id}/tags", "{\"set\": {\"k\": \"v\"}, \"delete\": [\"old\"]}",
                "POST /api/v1/traces/delete", "{\"trace_ids\": [\"" + Ids.newTraceId() + "\"]}",
                "POST /api/v1/traces/batch-get", "{\"trace_ids\": [\"" + trace + "\"]}",
                "PUT /api/v1/traces/{trace_id}/info", """
                        {"experiment_id": "exp-hostile", "request_time_ms": 1732600000000, "execution_duration_ms": 5,
                         "state": "OK", "request_preview": "q", "response_preview": "a", "client_request_id": "c",
                         "tags": {"k": "v"}, "trace_metadata": {"m": "v"}}""",
                "POST /api/v1/evaluations/summaries", "{\"run_ids\": [\"" + run + "\"]}",
                "POST /api/v1/evaluations/{run_id}/links", "{\"trace_ids\": [\"" + trace + "\"]}"));
        examples.putAll(Map.of("POST /api/v1/traces/search", """
                        {"experiment_ids": ["exp-hostile"], "filter_string": "status = 'OK'",
                         "order_by": ["timestamp_ms DESC"], "max_results": 10}""",
                        "POST /api/v1/traces/{trace_id}/assessments", """
                        {"name": "quality", "assessment_type": "FEEDBACK", "value": "yes", "rationale": "fine",
                         "source": {"source_type": "HUMAN", "source_id": "ann"}, "metadata": {"k": "v"}}""",
                        "PATCH /api/v1/traces/{trace_id}/assessments/{assessment_id}", """
                        {"value": "no", "rationale": "changed", "metadata": {"k": "v"}, "valid": true}""",
                        "POST /v1/traces", """
                        {"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "5b8efff798038103d269b633813fc60c",
                          "spanId": "eee19b7ec3c1b174", "name": "root", "startTimeUnixNano": "1732600000000000000",
                          "endTimeUnixNano": "1732600001000000000"}]}]}]}"""));
        List<String> violations = HostileRequests.violations(uri,
                Map.of("trace_id", trace, "assessment_id", assessment, "run_id", run, "experiment_id", "exp-hostile"),
                examples);
        assertThat(violations).isEmpty();
    }
}
