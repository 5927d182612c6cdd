package dev.evalplane.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.judge.support.Runs;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.FakeLlmReply;
import dev.evalplane.testsupport.FakeUsage;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Runs under provider faults: 429s, an outage, unparseable answers, a budget, and trace-service down. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class EvaluationFaultTests {

    private FakeLlmProvider fake;

    @BeforeEach
    void fake() {
        fake = FakeLlm.get();
    }

    private static String rows(int n, String scorers, String extra) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add("{\"inputs\": {\"question\": \"question-" + i + "\"}, \"outputs\": \"answer-" + i + "\"}");
        }
        return "{\"data\": [" + String.join(", ", rows) + "], \"scorers\": " + scorers + extra + "}";
    }

    private static List<JsonNode> judgeSpans(String runId, int row, String scorer) {
        String judgeTrace = Ids.traceId(runId, Ids.traceId(runId, "row", String.valueOf(row)), scorer);
        return Runs.values(Runs.spans(List.of(judgeTrace)));
    }

    @Test
    void rateLimitedCallIsRetriedAfterRetryAfterAndTheRetryIsItsOwnLlmSpan() {
        fake.enqueue(FakeLlmReply.rateLimited(1));
        String runId = Runs.start(rows(1, "[{\"builtin\": \"Safety\"}]", ""));

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo("COMPLETED");
        assertThat(run.getInt("judge_calls")).isEqualTo(1);
        assertThat(run.getInt("llm_requests")).isEqualTo(2);
        assertThat(fake.requests()).hasSize(2);

        List<JsonNode> spans = judgeSpans(runId, 0, "safety");
        List<JsonNode> llm = spans.stream().filter(s -> "CHAT_MODEL".equals(s.path("span_type").asText()))
                .sorted(Comparator.comparingLong(s -> s.path("start_time_ns").asLong())).toList();
        assertThat(spans).hasSize(3);
        assertThat(llm).hasSize(2);
        assertThat(llm.get(0).path("status").path("code").asText()).isEqualTo("ERROR");
        assertThat(llm.get(0).path("attributes").path("evalplane.llm.http_status").asInt()).isEqualTo(429);
        assertThat(llm.get(0).path("llm").path("usage").isMissingNode()).as("a 429 used no tokens").isTrue();
        assertThat(llm.get(1).path("status").path("code").asText()).isEqualTo("OK");
        assertThat(llm.get(1).path("llm").path("usage").path("input_tokens").asLong()).isEqualTo(120);
        long waitedNs = llm.get(1).path("start_time_ns").asLong() - llm.get(0).path("end_time_ns").asLong();
        assertThat(waitedNs).as("Retry-After: 1 was honoured").isGreaterThanOrEqualTo(900_000_000L);

        JsonNode feedback = Runs.values(Runs.assessments(runId)).get(0);
        assertThat(feedback.path("value").asText()).isEqualTo("yes");
        assertThat(feedback.path("metadata").path(MlflowKeys.JUDGE_INPUT_TOKENS).asText()).isEqualTo("120");
    }

    @Test
    void aJudgementRateLimitedMoreTimesThanMaxRetriesIsStillJudged() {
        for (int i = 0; i < 5; i++) {
            fake.enqueue(FakeLlmReply.rateLimited(0));
        }
        String runId = Runs.start(rows(1, "[{\"builtin\": \"Safety\"}]", ""));

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo("COMPLETED");
        assertThat(run.getInt("judge_calls_failed")).as("5 429s are within max-rate-limited-retries (10)").isZero();
        assertThat(run.getInt("llm_requests")).as("5 rate-limited attempts, then the answer").isEqualTo(6);
        assertThat(fake.requests()).hasSize(6);
        assertThat(Runs.values(Runs.assessments(runId)).get(0).path("value").asText()).isEqualTo("yes");
    }

    @Test
    void providerOutageGivesErrorFeedbackAndAStatusThatSaysWhatHappened() {
        fake.respondWith(r -> r.user().contains("question-2") || r.user().contains("answer-2") ? FakeLlmReply.error(503)
                : FakeLlmReply.verdict("yes", "fine"));
        String runId = Runs.start(rows(3, "[{\"builtin\": \"Safety\"}, {\"builtin\": \"RelevanceToQuery\"},"
                + " {\"builtin\": \"Completeness\"}]", ""));

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getString("status_message"))
                .isEqualTo("COMPLETED: 3 of 9 judge calls failed: provider returned 503");
        assertThat(run.getInt("judge_calls_failed")).isEqualTo(3);
        assertThat(run.getInt("llm_requests")).as("6 good calls, 3 failing ones tried 4 times").isEqualTo(6 + 3 * 4);

        List<JsonNode> failed = Runs.values(Runs.assessments(runId)).stream()
                .filter(a -> a.has("error")).toList();
        assertThat(failed).hasSize(3).allSatisfy(a -> {
            assertThat(a.path("trace_id").asText()).isEqualTo(Ids.traceId(runId, "row", "2"));
            assertThat(a.path("error").path("error_code").asText()).isEqualTo("PROVIDER_ERROR");
            assertThat(a.path("error").path("error_message").asText()).contains("provider returned 503")
                    .contains("after 4 attempts");
            assertThat(a.has("value")).isFalse();
            assertThat(a.path("metadata").has(MlflowKeys.SCORER_TRACE_ID)).isTrue();
        });
        List<JsonNode> spans = judgeSpans(runId, 2, "safety");
        assertThat(spans).hasSize(5);
        assertThat(spans).allSatisfy(s -> assertThat(s.path("status").path("code").asText()).isEqualTo("ERROR"));
    }

    @Test
    void everyCallFailingFailsTheRun() {
        fake.respondWith(r -> FakeLlmReply.error(500));
        JsonPath run = Runs.awaitFinished(Runs.start(rows(1, "[{\"builtin\": \"Safety\"}]", "")));
        assertThat(run.getString("status_message")).isEqualTo("FAILED: all 1 judge calls failed: provider returned 500");
        assertThat(run.getMap("judge_cost")).containsEntry("cost_status", "NO_USAGE").containsEntry("total_cost", null);
    }

    @Test
    void unparseableAnswerBecomesErrorFeedbackNotACrash() {
        fake.respondWith(r -> FakeLlmReply.text("Looks fine to me!"));
        String runId = Runs.start(rows(1, "[{\"builtin\": \"Safety\"}]", ""));

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo("FAILED: all 1 judge calls failed: unparseable verdict");
        JsonNode feedback = Runs.values(Runs.assessments(runId)).get(0);
        assertThat(feedback.path("error").path("error_code").asText()).isEqualTo("UNPARSEABLE_VERDICT");
        assertThat(feedback.path("error").path("error_message").asText()).contains("Looks fine to me!");
        assertThat(feedback.path("metadata").path(MlflowKeys.JUDGE_INPUT_TOKENS).asText())
                .as("the call happened and used tokens").isEqualTo("120");
        JsonNode root = judgeSpans(runId, 0, "safety").stream().filter(s -> s.path("parent_span_id").isNull())
                .findFirst().orElseThrow();
        assertThat(root.path("status").path("message").asText()).startsWith("UNPARSEABLE_VERDICT");
    }

    @Test
    void budgetStopsNewJudgeCallsOnceTheEstimateWouldExceedIt() {
        fake.usage(FakeUsage.of(1000, 100));
        BigDecimal budget = new BigDecimal("0.0015");
        String runId = Runs.start(rows(5, "[{\"builtin\": \"Safety\"}]",
                ", \"max_concurrency\": 1, \"budget_usd\": " + budget));

        JsonPath run = Runs.awaitFinished(runId);
        int made = fake.requests().size();
        // gpt-4.1-mini at the built-in list price (cost-service is down in tests): $0.40 / $1.60 per million tokens
        BigDecimal perCall = new BigDecimal("0.00056");
        assertThat(made).isBetween(1, 4);
        assertThat(perCall.multiply(BigDecimal.valueOf(made))).isLessThanOrEqualTo(budget);
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getString("error")).isEqualTo("budget of $0.0015 reached: " + (5 - made)
                + " judgements not run (BUDGET_EXCEEDED)");
        assertThat(run.getInt("judge_calls")).isEqualTo(made);

        List<JsonNode> feedback = Runs.values(Runs.assessments(runId));
        List<JsonNode> skipped = feedback.stream()
                .filter(a -> "BUDGET_EXCEEDED".equals(a.path("error").path("error_code").asText())).toList();
        assertThat(feedback).hasSize(5);
        assertThat(skipped).hasSize(5 - made).allSatisfy(a ->
                assertThat(a.path("metadata").has(MlflowKeys.SCORER_TRACE_ID)).as("no call, no judge trace").isFalse());
        assertThat(judgeSpans(runId, 4, "safety")).as("the last row was never judged").isEmpty();
    }

    @Test
    void traceIdsWithTraceServiceDownFailTheRunAndSaySo() {
        String runId = Runs.start("{\"trace_ids\": [\"tr-0123456789abcdef0123456789abcdef\","
                + " \"tr-fedcba9876543210fedcba9876543210\"], \"scorers\": [{\"builtin\": \"Safety\"}]}");
        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).startsWith("all 2 rows failed: trace-service unreachable");
        assertThat(run.getString("judge_cost.source")).contains("trace-service unreachable");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void filterStringWithTraceServiceDownFailsTheRun() {
        String runId = Runs.start("{\"filter_string\": \"tags.env = 'prod'\", \"scorers\": [{\"builtin\": \"Safety\"}]}");
        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message"))
                .startsWith("FAILED: could not search traces with filter_string: trace-service unreachable");
    }


    @Test
    void cancelStopsStartingRowsAndTheRunSaysCancelled() {
        fake.latency(java.time.Duration.ofMillis(300));
        String runId = Runs.start(rows(20, "[{\"builtin\": \"Safety\"}]", ", \"max_concurrency\": 1"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !fake.requests().isEmpty());
        io.restassured.RestAssured.given().post("/api/v1/evaluations/" + runId + "/cancel").then().statusCode(202);

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status")).isEqualTo("CANCELLED");
        assertThat(run.getString("error")).startsWith("cancelled after ");
        assertThat(fake.requests().size()).isLessThan(20);
        io.restassured.RestAssured.given().post("/api/v1/evaluations/" + runId + "/cancel").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("is CANCELLED"));
    }
}
