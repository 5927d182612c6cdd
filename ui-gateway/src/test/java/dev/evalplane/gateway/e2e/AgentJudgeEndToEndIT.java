package dev.evalplane.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.FakeLlmReply;
import dev.evalplane.testsupport.FakeLlmRequest;
import dev.evalplane.testsupport.FakeToolCall;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Agent-as-a-judge over a trace stored by trace-service: the judge reads the trace with tools over several rounds,
 * every round is an LLM span of the judge trace, and the feedback's cost covers all rounds.
 */
@QuarkusTest
@WithTestResource(value = RealStackResource.class)
class AgentJudgeEndToEndIT {

    @Test
    void traceJudgeReadsTheStoredTraceWithToolsAndPaysForEveryRound() {
        String experiment = "agent-" + OtlpTraces.hex(8);
        String traceHex = OtlpTraces.hex(32);
        String traceId = "tr-" + traceHex;
        given().contentType("application/json").header("x-mlflow-experiment-id", experiment)
                .body(OtlpTraces.json(traceHex, OtlpTraces.hex(16), "Where is Paris?", "Paris is in France"))
                .post("/v1/traces").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200));

        RealStackResource.provider.reset().enqueue(
                FakeLlmReply.toolCalls(FakeToolCall.of("call_1", "get_trace_info", "{}")),
                FakeLlmReply.toolCalls(FakeToolCall.of("call_2", "search_trace_regex", "{\"pattern\": \"in France\"}")),
                FakeLlmReply.verdict("yes", "The answer found in the trace is grounded."));
        String runId = given().contentType("application/json").body(Map.of("experiment_id", experiment,
                        "trace_ids", List.of(traceId), "model", "openai:/gpt-4.1-mini", "max_concurrency", 1,
                        "scorers", List.of(Map.of("judge", Map.of("name", "grounded", "feedback_value_type", "yes/no",
                                "instructions", "Look at {{ trace }}: is the final answer grounded?")))))
                .post("/api/v1/evaluations").then().statusCode(202).extract().path("run_id");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "COMPLETED".equals(given().get("/api/v1/evaluations/" + runId).then().extract().path("status")));

        List<FakeLlmRequest> requests = RealStackResource.provider.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).toolNames()).contains("get_trace_info", "list_spans", "get_span", "search_trace_regex");
        assertThat(requests.get(1).toolResults()).singleElement().satisfies(r -> assertThat(r.content()).contains(traceId));
        assertThat(requests.get(2).toolResults()).last().satisfies(r -> assertThat(r.content()).contains("in France"));

        Feedback feedback = SharedRuns.costedFeedback(runId, 1).get(0);
        assertThat(feedback.value()).isEqualTo("yes");
        JsonPath price = given().queryParam("model", "gpt-4.1-mini").get("/api/v1/prices").then().extract().jsonPath();
        BigDecimal expected = new BigDecimal(price.getString("rates.input_cost_per_token")).multiply(BigDecimal.valueOf(feedback.inputTokens()))
                .add(new BigDecimal(price.getString("rates.output_cost_per_token")).multiply(BigDecimal.valueOf(feedback.outputTokens())));
        assertThat(feedback.inputTokens()).isEqualTo(3 * 120);      // three rounds of the fake's default usage
        assertThat(feedback.judgeCost()).isEqualByComparingTo(expected);

        List<String> spanTypes = given().get("/api/v1/traces/" + feedback.judgeTraceId()).then().statusCode(200)
                .extract().jsonPath().getList("spans.span_type");
        assertThat(spanTypes.stream().filter(t -> t.equals("TOOL")).count()).isEqualTo(2);
        assertThat(spanTypes.stream().filter(t -> t.equals("CHAT_MODEL") || t.equals("LLM")).count()).isEqualTo(3);
    }
}
