package dev.evalplane.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.judge.support.AgentTraces;
import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.judge.support.RemoteScorerServer;
import dev.evalplane.judge.support.Runs;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Remote scorers against a user's scorer service running on this machine: the request it gets (inputs, outputs,
 * expectations, the row's trace, the configured header), one and several feedbacks back, and timeouts, HTTP errors
 * and non-JSON answers as error feedback that the run's status reports.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class RemoteScorerTests {

    private static RemoteScorerServer server;

    @BeforeAll
    static void startScorerService() throws Exception {
        server = new RemoteScorerServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void remoteScorersGetTheRowAndItsTraceAndAnswerFeedback() {
        FakeLlm.get();
        String runId = Runs.start("""
                {"data": [
                  {"inputs": {"question": "What is 6 times 7?"}, "outputs": "The answer is 42",
                   "expectations": {"max_words": 5}, "trace": %s},
                  {"inputs": {"question": "Tell me a story"}, "outputs": "Once upon a time there was a judge",
                   "expectations": {"max_words": 5}}],
                 "scorers": [
                   {"remote": {"name": "concise", "url": "%s", "headers": {"x-scorer-token": "tok-123"}}},
                   {"remote": {"name": "stats", "url": "%s", "timeout_ms": 5000}, "aggregations": ["max"]}]}"""
                .formatted(AgentTraces.trace(1500), server.url("/concise"), server.url("/stats")));

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo("COMPLETED");
        assertThat(run.getInt("judge_calls")).isEqualTo(4);
        assertThat(run.getInt("llm_requests")).isZero();
        Map<String, Object> metrics = run.getMap("metrics");
        assertThat(((Number) metrics.get("concise/mean")).doubleValue()).isEqualTo(0.5);
        assertThat(((Number) metrics.get("word_count/max")).doubleValue()).isEqualTo(8.0);
        assertThat(((Number) metrics.get("tool_calls/max")).doubleValue()).isEqualTo(2.0);

        String row0 = Ids.traceId(runId, "row", "0");
        List<RemoteScorerServer.Received> concise = server.received().stream()
                .filter(r -> r.path().equals("/concise") && r.body().toString().contains(row0)).toList();
        assertThat(concise).singleElement().satisfies(r -> {
            assertThat(r.token()).isEqualTo("tok-123");
            assertThat(r.body().path("inputs").path("question").asText()).isEqualTo("What is 6 times 7?");
            assertThat(r.body().path("outputs").asText()).isEqualTo("The answer is 42");
            assertThat(r.body().path("expectations").path("max_words").asInt()).isEqualTo(5);
            assertThat(r.body().path("trace").path("info").path("trace_id").asText()).isEqualTo(row0);
            assertThat(r.body().path("trace").path("spans")).hasSize(7);
        });

        List<JsonNode> feedback = Runs.values(Runs.assessments(runId)).stream()
                .filter(a -> "FEEDBACK".equals(a.path("assessment_type").asText())).toList();
        assertThat(feedback).hasSize(6).allSatisfy(f -> {
            assertThat(f.path("source").path("source_type").asText()).isEqualTo("CODE");
            assertThat(f.path("metadata").has(MlflowKeys.SCORER_TRACE_ID)).isFalse();
        });
        Map<String, JsonNode> first = byName(feedback, row0);
        assertThat(first.get("concise").path("value").asText()).isEqualTo("yes");
        assertThat(first.get("concise").path("rationale").asText()).isEqualTo("4 words, limit 5");
        assertThat(first.get("tool_calls").path("value").asInt()).isEqualTo(2);
        assertThat(first.get("tool_calls").path("source").path("source_id").asText()).isEqualTo("stats");
        Map<String, JsonNode> second = byName(feedback, Ids.traceId(runId, "row", "1"));
        assertThat(second.get("concise").path("value").asText()).isEqualTo("no");
        assertThat(second.get("tool_calls").path("value").asInt()).as("a data row's own trace has no tools").isZero();
    }

    @Test
    void timeoutsErrorsAndBadAnswersBecomeErrorFeedback() {
        FakeLlm.get();
        String runId = Runs.start("""
                {"data": [{"inputs": "q", "outputs": "a"}],
                 "scorers": [
                   {"remote": {"name": "slow", "url": "%s", "timeout_ms": 300}},
                   {"remote": {"name": "broken", "url": "%s"}},
                   {"remote": {"name": "garbage", "url": "%s"}},
                   {"remote": {"name": "concise", "url": "%s"}}]}"""
                .formatted(server.url("/slow"), server.url("/broken"), server.url("/garbage"), server.url("/concise")));

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo(
                "COMPLETED: 3 of 4 judge calls failed: remote scorer failed (2), remote scorer timed out (1)");
        Map<String, JsonNode> feedback = byName(Runs.values(Runs.assessments(runId)), Ids.traceId(runId, "row", "0"));
        assertThat(feedback.get("slow").path("error").path("error_code").asText()).isEqualTo("REMOTE_SCORER_TIMEOUT");
        assertThat(feedback.get("slow").path("error").path("error_message").asText())
                .isEqualTo("remote scorer slow did not answer within 300 ms");
        assertThat(feedback.get("broken").path("error").path("error_code").asText()).isEqualTo("REMOTE_SCORER_ERROR");
        assertThat(feedback.get("broken").path("error").path("error_message").asText())
                .contains("answered HTTP 500").contains("KeyError 'outputs'");
        assertThat(feedback.get("garbage").path("error").path("error_message").asText())
                .isEqualTo("remote scorer garbage answered a body that is not JSON: ok");
        assertThat(feedback.get("slow").has("value")).isFalse();
        assertThat(feedback.get("concise").path("value").asText()).isEqualTo("yes");
    }

    private static Map<String, JsonNode> byName(List<JsonNode> feedback, String traceId) {
        return feedback.stream().filter(f -> f.path("trace_id").asText().equals(traceId)
                && "FEEDBACK".equals(f.path("assessment_type").asText()))
                .collect(Collectors.toMap(f -> f.path("name").asText(), Function.identity()));
    }
}
