package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.judge.support.AgentTraces;
import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.judge.support.FakeLlmPort;
import dev.evalplane.judge.support.RemoteScorerPort;
import dev.evalplane.judge.support.RemoteScorerServer;
import dev.evalplane.judge.support.Runs;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
                   {"remote": {"name": "redirect", "url": "%s"}},
                   {"remote": {"name": "huge", "url": "%s"}},
                   {"remote": {"name": "drip", "url": "%s", "timeout_ms": 800}},
                   {"remote": {"name": "concise", "url": "%s"}}]}"""
                .formatted(server.url("/slow"), server.url("/broken"), server.url("/garbage"), server.url("/redirect"),
                        server.url("/huge"), server.url("/drip"), server.url("/concise")));

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo(
                "COMPLETED: 6 of 7 judge calls failed: remote scorer failed (4), remote scorer timed out (2)");
        Map<String, JsonNode> feedback = byName(Runs.values(Runs.assessments(runId)), Ids.traceId(runId, "row", "0"));
        assertThat(feedback.get("slow").path("error").path("error_code").asText()).isEqualTo("REMOTE_SCORER_TIMEOUT");
        assertThat(feedback.get("slow").path("error").path("error_message").asText())
                .isEqualTo("remote scorer slow did not answer within 300 ms");
        assertThat(feedback.get("broken").path("error").path("error_code").asText()).isEqualTo("REMOTE_SCORER_ERROR");
        assertThat(feedback.get("broken").path("error").path("error_message").asText())
                .as("a non-2xx answer's body is never repeated").isEqualTo("remote scorer broken answered HTTP 500");
        assertThat(feedback.get("garbage").path("error").path("error_message").asText())
                .isEqualTo("remote scorer garbage answered a body that is not JSON (2 bytes)");
        assertThat(feedback.get("redirect").path("error").path("error_message").asText())
                .as("redirects are not followed").isEqualTo("remote scorer redirect answered HTTP 302");
        assertThat(feedback.get("huge").path("error").path("error_message").asText())
                .isEqualTo("remote scorer huge answered more than 1048576 bytes (evalplane.remote-scorers.max-response-bytes)");
        assertThat(feedback.get("drip").path("error").path("error_code").asText())
                .as("the timeout bounds the whole answer, not the wait between bytes").isEqualTo("REMOTE_SCORER_TIMEOUT");
        assertThat(feedback.get("slow").has("value")).isFalse();
        assertThat(feedback.get("concise").path("value").asText()).isEqualTo("yes");
        assertThat(server.received().stream().filter(r -> r.path().equals("/concise")
                && r.body().toString().contains(Ids.traceId(runId, "row", "0")))).as("the redirect was not followed")
                .hasSize(1);
    }

    /**
     * The policy allows exactly 127.0.0.1 on the scorer's port; every other spelling of an internal address, other
     * ports of this machine (the fake LLM provider here, cost-service's reprice in the probe), and URLs with user info
     * or another scheme are refused with a 400 problem before anything is called, for evaluations and registrations.
     */
    @Test
    void remoteScorerUrlsOutsideTheOperatorsPolicyAreRefused() {
        int allowed = RemoteScorerPort.port();
        int other = Integer.parseInt(System.getProperty(FakeLlmPort.PROPERTY));
        List<String> hostile = List.of(
                "http://127.0.0.1:" + other + "/v1/chat/completions", "http://127.0.0.1:8082/api/v1/prices/reprice",
                "http://localhost:" + other + "/", "http://0.0.0.0:" + allowed + "/concise",
                "http://2130706433:" + allowed + "/concise", "http://0x7f.1:" + allowed + "/concise",
                "http://0x7f000001:" + allowed + "/", "http://127.1:" + allowed + "/", "http://0177.0.0.1:" + allowed + "/",
                "http://017.0.0.1:" + allowed + "/", "http://[::ffff:127.0.0.1]:" + other + "/",
                "http://[::ffff:7f00:1]:" + other + "/", "http://[::1]:" + allowed + "/", "http://[::]:" + allowed + "/",
                "http://[0:0:0:0:0:0:0:1]:" + allowed + "/", "http://[::127.0.0.1]:" + allowed + "/",
                "http://[64:ff9b::7f00:1]:" + allowed + "/", "http://[2002:7f00:1::]:" + allowed + "/",
                "http://[fe80::1]:" + allowed + "/", "http://[fd00::1]:" + allowed + "/",
                "http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/latest/meta-data/",
                "http://10.0.0.1/", "http://172.16.0.1/", "http://192.168.1.1/", "http://100.64.0.1/",
                "http://224.0.0.1/", "http://255.255.255.255/", "http://[ff02::1]/",
                "file:///etc/passwd", "ftp://127.0.0.1:" + allowed + "/", "gopher://127.0.0.1:" + allowed + "/_x",
                "jar:http://127.0.0.1:" + allowed + "/x!/", "http:/127.0.0.1:" + allowed + "/concise", "//127.0.0.1/x",
                "http://user:pw@127.0.0.1:" + allowed + "/concise", "http://127.0.0.1:" + allowed + "@127.0.0.1:" + other + "/",
                "http://127.0.0.1:" + other + "#@127.0.0.1:" + allowed + "/", "http://127.0.0.1:" + other + "\\@127.0.0.1/",
                "HTTP://LOCALHOST:" + other + "/", "http://localhost.:" + other + "/", "http:///concise", "http://:80/",
                "http://127.0.0.1:" + allowed + "%2f@127.0.0.1:" + other + "/", " ", "x".repeat(3000));
        for (String url : hostile) {
            String scorer = JsonNodeFactory.instance.objectNode().set("remote", JsonNodeFactory.instance.objectNode()
                    .put("name", "probe").put("url", url)).toString();
            given().contentType(ContentType.JSON)
                    .body("{\"data\": [{\"inputs\": \"q\", \"outputs\": \"a\"}], \"scorers\": [" + scorer + "]}")
                    .post("/api/v1/evaluations").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", startsWith("scorers[0]: remote scorer"));
            given().contentType(ContentType.JSON).body("{\"name\": \"probe\", \"scorer\": " + scorer + "}")
                    .post("/api/v1/experiments/ssrf/scorers").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("remote scorer"));
        }
        assertThat(server.received()).as("no probe reached the allowed scorer either")
                .noneMatch(r -> r.body().toString().contains("probe"));
        given().get("/api/v1/experiments/ssrf/scorers").then().statusCode(200).body("scorers", hasSize(0));

        given().contentType(ContentType.JSON).body("""
                {"data": [{"inputs": "q", "outputs": "a"}],
                 "scorers": [{"remote": {"name": "internal", "url": "http://169.254.169.254/latest/meta-data/"}}]}""")
                .post("/api/v1/evaluations").then().statusCode(400).body("detail", containsString(
                        "address 169.254.169.254 is a link-local (cloud metadata) address"));
        given().contentType(ContentType.JSON).body("""
                {"data": [{"inputs": "q", "outputs": "a"}],
                 "scorers": [{"remote": {"name": "other", "url": "http://127.0.0.1:%d/"}}]}""".formatted(other))
                .post("/api/v1/evaluations").then().statusCode(400).body("detail", containsString(
                        "evalplane.remote-scorers.allowed-hosts"));
        given().contentType(ContentType.JSON).body("""
                {"data": [{"inputs": "q", "outputs": "a"}],
                 "scorers": [{"remote": {"name": "by_name", "url": "http://localhost:%d/concise"}}]}""".formatted(allowed))
                .post("/api/v1/evaluations").then().statusCode(202);
    }

    private static Map<String, JsonNode> byName(List<JsonNode> feedback, String traceId) {
        return feedback.stream().filter(f -> f.path("trace_id").asText().equals(traceId)
                && "FEEDBACK".equals(f.path("assessment_type").asText()))
                .collect(Collectors.toMap(f -> f.path("name").asText(), Function.identity()));
    }
}
