package dev.evalplane.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.judge.support.AgentTraces;
import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.judge.support.Runs;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.FakeLlmReply;
import dev.evalplane.testsupport.FakeLlmRequest;
import dev.evalplane.testsupport.FakeToolCall;
import dev.evalplane.testsupport.FakeToolResult;
import dev.evalplane.testsupport.FakeUsage;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Agent-as-a-judge: a {@code {{ trace }}} template judge reads the row's trace through tools over several LLM rounds,
 * in the OpenAI and the Anthropic tool wire formats. The tool results the fake provider received are checked against
 * the trace; every round is an LLM span and every tool call a TOOL span of the judge trace; the feedback's tokens sum
 * all rounds; a judge that never stops calling tools ends with REQUEST_LIMIT_EXCEEDED.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class AgentJudgeTests {

    private static String run(String model) {
        return Runs.start("""
                {"data": [{"inputs": {"question": "What is 6 times 7?"}, "outputs": "The answer is 42",
                           "expectations": {"expected_response": "42"}, "trace": %s}],
                 "scorers": [{"judge": {"name": "tool_use", "feedback_value_type": "yes/no", "model": "%s",
                   "instructions": "Did the agent in {{ trace }} compute the answer with the calculator, as {{ expectations }} requires?"}}]}"""
                .formatted(AgentTraces.trace(1500), model));
    }

    private static List<JsonNode> judgeSpans(String runId) {
        String judgeTrace = Ids.traceId(runId, Ids.traceId(runId, "row", "0"), "tool_use");
        return Runs.values(Runs.spans(List.of(judgeTrace))).stream()
                .sorted(Comparator.comparingLong(s -> s.path("start_time_ns").asLong())).toList();
    }

    private static JsonNode feedback(String runId) {
        return Runs.values(Runs.assessments(runId)).stream()
                .filter(a -> "FEEDBACK".equals(a.path("assessment_type").asText())).findFirst().orElseThrow();
    }

    private static JsonNode json(String text) throws Exception {
        return EventJson.mapper().readTree(text);
    }

    @Test
    void openAiJudgeTakesTwoToolRoundsThenAnswersAndEveryRoundIsTraced() throws Exception {
        FakeLlmProvider fake = FakeLlm.get().enqueue(
                FakeLlmReply.toolCalls(FakeToolCall.of("call_1", "list_spans", "{}")).withUsage(FakeUsage.of(500, 20)),
                FakeLlmReply.toolCalls(FakeToolCall.of("call_2", "get_span",
                        "{\"span_id\": \"" + AgentTraces.CALCULATOR + "\"}")).withUsage(FakeUsage.of(900, 30)),
                FakeLlmReply.verdict("yes", "The calculator returned 42.").withUsage(FakeUsage.of(1400, 40)));
        String runId = run("openai:/gpt-4.1-mini");

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo("COMPLETED");
        assertThat(run.getInt("judge_calls")).isEqualTo(1);
        assertThat(run.getInt("llm_requests")).isEqualTo(3);

        List<FakeLlmRequest> requests = fake.requests();
        assertThat(requests).hasSize(3);
        FakeLlmRequest first = requests.get(0);
        assertThat(first.toolNames()).containsExactly("get_trace_info", "list_spans", "get_span", "search_trace_regex");
        assertThat(first.body().path("tool_choice").asText()).isEqualTo("auto");
        assertThat(first.user()).as("the trace is read through tools, not pasted").doesNotContain("secret-marker")
                .contains("expectations: {\"expected_response\":\"42\"}");
        assertThat(first.system()).contains("get_span").contains("Your task: Did the agent in {{ trace }}");
        assertThat(first.toolResults()).isEmpty();

        List<FakeToolResult> second = requests.get(1).toolResults();
        assertThat(second).singleElement().satisfies(r -> assertThat(r.callId()).isEqualTo("call_1"));
        JsonNode spans = json(second.get(0).content()).path("spans");
        assertThat(spans).hasSize(7);
        assertThat(spans.findValuesAsText("name"))
                .containsExactly("agent", "planner", "retrieve", "search_web", "calculator", "writer", "openai.chat");
        assertThat(spans.get(4).path("span_id").asText()).isEqualTo(AgentTraces.CALCULATOR);
        assertThat(spans.get(4).path("duration_ms").asLong()).isEqualTo(100);
        assertThat(spans.get(0).path("is_root").asBoolean()).isTrue();
        JsonNode assistant = requests.get(1).body().path("messages").get(2);
        assertThat(assistant.path("role").asText()).isEqualTo("assistant");
        assertThat(assistant.path("tool_calls").get(0).path("function").path("name").asText()).isEqualTo("list_spans");

        List<FakeToolResult> third = requests.get(2).toolResults();
        assertThat(third).extracting(FakeToolResult::callId).containsExactly("call_1", "call_2");
        JsonNode span = json(json(third.get(1).content()).path("content").asText());
        assertThat(span.path("name").asText()).isEqualTo("calculator");
        assertThat(span.path("inputs").path("expression").asText()).isEqualTo("6*7");
        assertThat(span.path("outputs").asInt()).isEqualTo(42);

        List<JsonNode> judge = judgeSpans(runId);
        List<JsonNode> llm = judge.stream().filter(s -> "CHAT_MODEL".equals(s.path("span_type").asText())).toList();
        List<JsonNode> tools = judge.stream().filter(s -> "TOOL".equals(s.path("span_type").asText())).toList();
        assertThat(judge).hasSize(6);
        assertThat(llm).hasSize(3).extracting(s -> s.path("llm").path("usage").path("input_tokens").asLong())
                .containsExactly(500L, 900L, 1400L);
        assertThat(llm).extracting(s -> s.path("span_id").asText()).doesNotHaveDuplicates();
        assertThat(tools).extracting(s -> s.path("name").asText()).containsExactly("list_spans", "get_span");
        assertThat(tools.get(1).path("inputs").path("span_id").asText()).isEqualTo(AgentTraces.CALCULATOR);
        assertThat(tools.get(0).path("outputs").path("spans")).hasSize(7);
        JsonNode root = judge.stream().filter(s -> s.path("parent_span_id").isNull()).findFirst().orElseThrow();
        assertThat(tools).allSatisfy(t -> assertThat(t.path("parent_span_id").asText()).isEqualTo(root.path("span_id").asText()));
        assertThat(llm.get(2).path("inputs").path("messages")).hasSize(6);

        JsonNode feedback = feedback(runId);
        assertThat(feedback.path("value").asText()).isEqualTo("yes");
        assertThat(feedback.path("rationale").asText()).isEqualTo("The calculator returned 42.");
        assertThat(feedback.path("metadata").path(MlflowKeys.JUDGE_INPUT_TOKENS).asText()).isEqualTo("2800");
        assertThat(feedback.path("metadata").path(MlflowKeys.JUDGE_OUTPUT_TOKENS).asText()).isEqualTo("90");
        assertThat(run.getMap("judge_cost")).containsEntry("input_tokens", 2800).containsEntry("output_tokens", 90);
    }

    @Test
    void aJudgeThatNeverStopsCallingToolsEndsWithRequestLimitExceeded() {
        FakeLlmProvider fake = FakeLlm.get()
                .respondWith(r -> FakeLlmReply.toolCalls(FakeToolCall.of("call_" + r.body().path("messages").size(),
                        "get_trace_info", "{}")));
        String runId = run("openai:/gpt-4.1-mini");

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo("FAILED: all 1 judge calls failed: tool round limit exceeded");
        assertThat(fake.requests()).hasSize(15);
        assertThat(run.getInt("llm_requests")).isEqualTo(15);
        JsonNode feedback = feedback(runId);
        assertThat(feedback.path("error").path("error_code").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(feedback.path("error").path("error_message").asText()).contains("after 15 rounds");
        assertThat(feedback.path("metadata").path(MlflowKeys.JUDGE_INPUT_TOKENS).asText()).isEqualTo(String.valueOf(15 * 120));
        List<JsonNode> judge = judgeSpans(runId);
        assertThat(judge.stream().filter(s -> "CHAT_MODEL".equals(s.path("span_type").asText()))).hasSize(15);
        assertThat(judge.stream().filter(s -> "TOOL".equals(s.path("span_type").asText()))).hasSize(14);
    }

    @Test
    void anthropicJudgeUsesToolUseAndToolResultBlocks() throws Exception {
        FakeLlmProvider fake = FakeLlm.get().enqueue(
                FakeLlmReply.toolCalls(FakeToolCall.of("toolu_01", "search_trace_regex",
                        "{\"pattern\": \"secret-marker-\\\\d+\", \"surrounding_content_length\": 10}")),
                FakeLlmReply.verdict("no", "The search result came from the web, not the calculator."));
        String runId = run("anthropic:/claude-sonnet-4-5");

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo("COMPLETED");
        List<FakeLlmRequest> requests = fake.requests();
        assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r.api()).isEqualTo("anthropic"));
        JsonNode tools = requests.get(0).body().path("tools");
        assertThat(tools.get(3).path("name").asText()).isEqualTo("search_trace_regex");
        assertThat(tools.get(3).path("input_schema").path("required").get(0).asText()).isEqualTo("pattern");
        assertThat(requests.get(0).body().path("tool_choice").path("type").asText()).isEqualTo("auto");

        JsonNode messages = requests.get(1).body().path("messages");
        assertThat(messages).hasSize(3);
        JsonNode toolUse = messages.get(1).path("content").get(0);
        assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.path("id").asText()).isEqualTo("toolu_01");
        assertThat(toolUse.path("input").path("pattern").asText()).isEqualTo("secret-marker-\\d+");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
        List<FakeToolResult> results = requests.get(1).toolResults();
        assertThat(results).singleElement().satisfies(r -> assertThat(r.callId()).isEqualTo("toolu_01"));
        JsonNode search = json(results.get(0).content());
        assertThat(search.path("total_matches").asInt()).isEqualTo(1);
        assertThat(search.path("matches").get(0).path("span_id").asText()).isEqualTo(AgentTraces.SEARCH);
        assertThat(search.path("matches").get(0).path("matched_text").asText()).isEqualTo("secret-marker-7731");

        List<JsonNode> judge = judgeSpans(runId);
        assertThat(judge.stream().filter(s -> "CHAT_MODEL".equals(s.path("span_type").asText())))
                .hasSize(2).allSatisfy(s -> assertThat(s.path("llm").path("provider").asText()).isEqualTo("anthropic"));
        assertThat(judge.stream().filter(s -> "TOOL".equals(s.path("span_type").asText()))).singleElement()
                .satisfies(s -> assertThat(s.path("outputs").path("total_matches").asInt()).isEqualTo(1));
        JsonNode feedback = feedback(runId);
        assertThat(feedback.path("value").asText()).isEqualTo("no");
        assertThat(feedback.path("metadata").path(MlflowKeys.JUDGE_INPUT_TOKENS).asText()).isEqualTo("240");
        assertThat(judge.toString()).doesNotContain("test-anthropic-key-not-secret");
    }

    @Test
    void regexSearchesPastTheJudgementsTimeBudgetEndItWithErrorFeedback() {
        FakeLlmProvider fake = FakeLlm.get().enqueue(
                FakeLlmReply.toolCalls(FakeToolCall.of("call_1", "search_trace_regex", "{\"pattern\": \"(x+x+)+y\"}")),
                FakeLlmReply.verdict("yes", "not asked: the judgement ended"));
        String trace = "{\"spans\": [{\"name\": \"agent\", \"span_type\": \"AGENT\", \"start_time_ns\": 1000,"
                + " \"end_time_ns\": 2000, \"inputs\": {\"q\": \"go\"}, \"outputs\": \"" + "x".repeat(5000) + "\"}]}";
        String runId = Runs.start("""
                {"data": [{"inputs": {"question": "go"}, "outputs": "done", "trace": %s}],
                 "scorers": [{"judge": {"name": "tool_use", "feedback_value_type": "yes/no",
                   "instructions": "Did the agent in {{ trace }} finish?"}}]}""".formatted(trace));

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo("FAILED: all 1 judge calls failed: regex time budget exceeded");
        assertThat(fake.requests()).as("no further round after the budget was spent").hasSize(1);
        JsonNode feedback = feedback(runId);
        assertThat(feedback.path("error").path("error_code").asText()).isEqualTo("REGEX_TIME_LIMIT_EXCEEDED");
        assertThat(feedback.path("error").path("error_message").asText())
                .startsWith("search_trace_regex: regular expression matching took longer than 250 ms, the time budget"
                        + " per judgement");
        assertThat(judgeSpans(runId).stream().filter(sp -> "TOOL".equals(sp.path("span_type").asText())))
                .singleElement().satisfies(sp -> assertThat(sp.path("name").asText()).isEqualTo("search_trace_regex"));
    }
}
