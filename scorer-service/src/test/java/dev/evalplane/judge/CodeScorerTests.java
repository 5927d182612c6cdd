package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.judge.support.AgentTraces;
import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.judge.support.Runs;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The code scorer library on two data rows that bring their own agent trace: every check's value and rationale, CODE
 * feedback without judge traces or tokens, several feedbacks from one scorer, metrics, and the rows' traces cloned
 * into the run with their span ids.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class CodeScorerTests {

    private static final String SCORERS = """
            [{"code": {"type": "exact_match"}},
             {"code": {"type": "contains", "any_of": ["42", "forty-two"]}},
             {"code": {"type": "regex", "pattern": "answer\\\\D+4\\\\d", "name": "mentions_answer"}},
             {"code": {"type": "json_valid", "required_keys": ["answer"]}},
             {"code": {"type": "latency_threshold", "max_ms": 2000}},
             {"code": {"type": "tool_call_trajectory", "name": "tools_exact"}},
             {"code": {"type": "tool_call_trajectory", "match": "any_order", "name": "tools_any"}},
             {"code": {"type": "retrieved_document_recall"}},
             {"code": {"type": "sub_agent_routing"}},
             {"code": {"type": "per_stage_latency", "thresholds_ms": {"search_web": 250}, "default_threshold_ms": 1000,
                       "span_types": ["TOOL", "RETRIEVER"]}}]""";

    @Test
    void everyCheckScoresTheRowsAndItsOwnTraceWithoutAnyLlmCall() {
        FakeLlmProvider fake = FakeLlm.get();
        String runId = Runs.start("""
                {"experiment_id": "code-1", "data": [
                  {"inputs": {"question": "What is 6 times 7?"}, "outputs": "The answer is 42",
                   "expectations": {"expected_response": "The answer is 42 ", "expected_tool_calls": ["search_web", "calculator"],
                                    "expected_document_ids": ["d1", "d2", "d3"], "expected_sub_agents": ["writer", "planner"]},
                   "trace": %s},
                  {"outputs": "{\\"answer\\": 41}",
                   "expectations": {"expected_response": "42", "expected_tool_calls": [{"name": "calculator"}, {"name": "search_web"}],
                                    "expected_document_ids": ["d1"], "expected_sub_agents": ["planner"]},
                   "trace": %s}],
                 "scorers": %s}""".formatted(AgentTraces.trace(1500), AgentTraces.trace(3000), SCORERS));

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo("COMPLETED");
        assertThat(run.getInt("judge_calls")).isZero();
        assertThat(fake.requests()).as("code scorers call no LLM").isEmpty();

        String row0 = Ids.traceId(runId, "row", "0");
        String row1 = Ids.traceId(runId, "row", "1");
        List<JsonNode> feedback = Runs.values(Runs.assessments(runId)).stream()
                .filter(a -> "FEEDBACK".equals(a.path("assessment_type").asText())).toList();
        assertThat(feedback).hasSize(2 * 12).allSatisfy(f -> {
            assertThat(f.path("source").path("source_type").asText()).isEqualTo("CODE");
            assertThat(f.path("metadata").has(MlflowKeys.SCORER_TRACE_ID)).isFalse();
            assertThat(f.path("metadata").has(MlflowKeys.JUDGE_INPUT_TOKENS)).isFalse();
            assertThat(f.path("error").isMissingNode()).isTrue();
            assertThat(f.path("assessment_id").asText())
                    .isEqualTo(Ids.assessmentId(runId, f.path("trace_id").asText(), f.path("name").asText()));
        });
        Map<String, JsonNode> first = byName(feedback, row0);
        Map<String, JsonNode> second = byName(feedback, row1);

        assertValue(first, "exact_match", true);
        assertValue(second, "exact_match", false);
        assertThat(second.get("exact_match").path("rationale").asText())
                .isEqualTo("the output \"{\"answer\": 41}\" differs from expected_response \"42\"");
        assertValue(first, "contains", true);
        assertValue(second, "contains", false);
        assertValue(first, "mentions_answer", true);
        assertValue(second, "mentions_answer", true);
        assertThat(first.get("mentions_answer").path("source").path("source_id").asText()).isEqualTo("mentions_answer");
        assertValue(first, "json_valid", false);
        assertValue(second, "json_valid", true);
        assertValue(first, "latency_threshold", true);
        assertValue(second, "latency_threshold", false);
        assertThat(second.get("latency_threshold").path("rationale").asText())
                .isEqualTo("the trace took 3000 ms (threshold 2000 ms)");
        assertValue(first, "tools_exact", true);
        assertValue(second, "tools_exact", false);
        assertThat(second.get("tools_exact").path("rationale").asText())
                .isEqualTo("the agent called [search_web, calculator]; expected [calculator, search_web] (exact)");
        assertValue(second, "tools_any", true);
        assertThat(first.get("retrieved_document_recall").path("value").decimalValue()).isEqualByComparingTo("0.6667");
        assertThat(first.get("retrieved_document_recall").path("rationale").asText()).contains("missing [d3]");
        assertThat(second.get("retrieved_document_recall").path("value").decimalValue()).isEqualByComparingTo("1");
        assertValue(first, "sub_agent_routing", true);
        assertValue(second, "sub_agent_routing", false);

        assertValue(first, "per_stage_latency/retrieve", true);
        assertValue(first, "per_stage_latency/search_web", false);
        assertValue(first, "per_stage_latency/calculator", true);
        assertThat(first.get("per_stage_latency/search_web").path("rationale").asText())
                .isEqualTo("search_web took 300 ms (threshold 250 ms)");
        assertThat(first.get("per_stage_latency/search_web").path("span_id").asText()).isEqualTo(AgentTraces.SEARCH);
        assertThat(first.get("exact_match").path("span_id").asText()).isEqualTo(AgentTraces.ROOT);

        Map<String, Object> metrics = run.getMap("metrics");
        assertThat(((Number) metrics.get("exact_match/mean")).doubleValue()).isEqualTo(0.5);
        assertThat(((Number) metrics.get("retrieved_document_recall/mean")).doubleValue()).isCloseTo(0.83335, within(1e-6));
        assertThat(((Number) metrics.get("per_stage_latency/search_web/mean")).doubleValue()).isZero();

        List<JsonNode> spans = Runs.values(Runs.spans(List.of(row0, row1)));
        assertThat(spans).as("the two rows' own traces, cloned with their span ids, and no judge trace").hasSize(14);
        JsonNode root = spans.stream().filter(s -> s.path("trace_id").asText().equals(row0)
                && s.path("parent_span_id").isNull()).findFirst().orElseThrow();
        assertThat(root.path("span_id").asText()).isEqualTo(AgentTraces.ROOT);
        assertThat(root.path("span_type").asText()).isEqualTo("AGENT");
        assertThat(root.path("trace_metadata").path(MlflowKeys.SOURCE_RUN).asText()).isEqualTo(runId);
        assertThat(Runs.values(Runs.spans(List.of(Ids.traceId(runId, row0, "exact_match"))))).isEmpty();
    }

    @Test
    void badCodeScorersAreRejectedUpFront() {
        rejected("[{\"code\": {\"type\": \"levenshtein\"}}]", "unknown code scorer type \"levenshtein\"");
        rejected("[{\"code\": {\"type\": \"regex\", \"pattern\": \"(unclosed\"}}]",
                "code scorer regex: invalid regular expression");
        rejected("[{\"code\": {\"type\": \"contains\", \"substring\": \"a\", \"any_of\": [\"b\"]}}]",
                "give exactly one of \"substring\", \"any_of\", \"all_of\"");
        rejected("[{\"code\": {\"type\": \"exact_match\", \"ignore_case\": true}}]", "unknown field \"ignore_case\"");
        rejected("[{\"code\": {\"type\": \"tool_call_trajectory\", \"match\": \"fuzzy\"}}]",
                "\"match\" must be one of [exact, in_order, any_order]");
        rejected("[{\"code\": {\"type\": \"latency_threshold\", \"max_ms\": 1000}}]",
                "data[0]: scorer latency_threshold reads the trace's spans, and this row has no \"trace\"");
        rejected("[{\"code\": {\"type\": \"exact_match\"}}]",
                "data[0]: exact_match needs expectations expected_response");
        rejected("[{\"remote\": {\"name\": \"r\", \"url\": \"ftp://example\"}}]", "must be an absolute http or https URL");
        given().contentType(ContentType.JSON).body("{\"data\": [{\"inputs\": \"q\", \"outputs\": \"a\", \"trace\": {\"spans\": []}}],"
                + " \"scorers\": [{\"code\": {\"type\": \"json_valid\"}}]}").post("/api/v1/evaluations")
                .then().statusCode(400).body("detail", containsString("data[0].trace must be an object {spans: [...]}"));
    }

    private static void rejected(String scorers, String detail) {
        given().contentType(ContentType.JSON)
                .body("{\"data\": [{\"inputs\": \"q\", \"outputs\": \"a\"}], \"scorers\": " + scorers + "}")
                .post("/api/v1/evaluations").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString(detail));
    }

    private static Map<String, JsonNode> byName(List<JsonNode> feedback, String traceId) {
        return feedback.stream().filter(f -> f.path("trace_id").asText().equals(traceId))
                .collect(Collectors.toMap(f -> f.path("name").asText(), Function.identity()));
    }

    private static void assertValue(Map<String, JsonNode> feedback, String name, boolean expected) {
        assertThat(feedback).containsKey(name);
        assertThat(feedback.get(name).path("value").isBoolean()).as(name + " is a boolean").isTrue();
        assertThat(feedback.get(name).path("value").asBoolean()).as(name + ": " + feedback.get(name).path("rationale"))
                .isEqualTo(expected);
    }
}
