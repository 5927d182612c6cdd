package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.judge.support.Runs;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.FakeLlmReply;
import dev.evalplane.testsupport.FakeLlmRequest;
import dev.evalplane.testsupport.FakeUsage;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PrometheusText;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Three data rows judged by Correctness, Guidelines and a template judge on Anthropic, against the fake provider,
 * on the real broker: row traces, judge traces (root EVALUATOR + CHAT_MODEL spans with normalised usage), feedback
 * with deterministic ids and MLflow metadata, and the run's status, counters and metrics.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class EvaluationFlowTests {

    private static final FakeUsage OPENAI_USAGE = new FakeUsage(1200, 300, 1000, 0, 120);
    private static final FakeUsage ANTHROPIC_USAGE = new FakeUsage(1250, 80, 1000, 200, 0);
    private static final List<String> QUESTIONS = List.of("What is 2+2?", "Capital of France?", "Colour of the sky?");
    private static final List<String> SCORERS = List.of("correctness", "guidelines", "conciseness");

    @Test
    void judgesThreeRowsAndEveryJudgementTracesItself() {
        FakeLlmProvider fake = FakeLlm.get().usage(OPENAI_USAGE).respondWith(EvaluationFlowTests::reply);
        double openAiBefore = metric("evalplane_judge_requests_total", "outcome=\"ok\"", "provider=\"openai\"");
        double anthropicTokensBefore = metric("evalplane_judge_tokens_total", "direction=\"input\"",
                "provider=\"anthropic\"");
        String experiment = "exp-" + UUID.randomUUID();
        String runId = Runs.start("""
                {"experiment_id": "%s", "name": "flow", "max_concurrency": 4,
                 "data": [
                   {"inputs": {"question": "What is 2+2?"}, "outputs": "4", "expectations": {"expected_response": "4"}},
                   {"inputs": {"question": "Capital of France?"}, "outputs": "Paris",
                    "expectations": {"expected_facts": ["Paris is the capital of France"]}},
                   {"inputs": {"question": "Colour of the sky?"}, "outputs": "Green", "expectations": {"expected_response": "Blue"}}
                 ],
                 "scorers": [
                   {"builtin": "Correctness"},
                   {"builtin": "Guidelines", "guidelines": ["Answer in English", "Be concise"]},
                   {"judge": {"name": "conciseness", "feedback_value_type": "int", "model": "anthropic:/claude-sonnet-4-5",
                     "instructions": "Rate from 1 to 5 how concise {{ outputs }} is as an answer to {{ inputs }}."},
                    "aggregations": ["mean", "max"]}
                 ]}""".formatted(experiment));

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getString("status_message")).isEqualTo("COMPLETED");
        assertThat(run.getInt("rows_total")).isEqualTo(3);
        assertThat(run.getInt("rows_done")).isEqualTo(3);
        assertThat(run.getInt("judge_calls")).isEqualTo(9);
        assertThat(run.getInt("judge_calls_failed")).isZero();
        assertThat(run.getInt("llm_requests")).isEqualTo(9);
        Map<String, Object> metrics = run.getMap("metrics");
        assertThat(metrics).containsOnlyKeys("correctness/mean", "guidelines/mean", "conciseness/mean", "conciseness/max");
        assertThat(((Number) metrics.get("correctness/mean")).doubleValue()).isCloseTo(2.0 / 3, within(1e-6));
        assertThat(((Number) metrics.get("guidelines/mean")).doubleValue()).isEqualTo(1.0);
        assertThat(((Number) metrics.get("conciseness/mean")).doubleValue()).isEqualTo(4.0);
        assertThat(((Number) metrics.get("conciseness/max")).doubleValue()).isEqualTo(4.0);
        assertThat(run.getMap("judge_cost")).containsEntry("total_cost", null)
                .containsEntry("input_tokens", 6 * 1200 + 3 * 1250).containsEntry("output_tokens", 6 * 300 + 3 * 80)
                .containsEntry("cost_status", "UNPRICED");
        given().get("/api/v1/evaluations?experiment_id=" + experiment).then().statusCode(200)
                .body("runs.run_id", hasItem(runId));
        assertThat(metric("evalplane_judge_requests_total", "outcome=\"ok\"", "provider=\"openai\"") - openAiBefore)
                .isEqualTo(6);
        assertThat(metric("evalplane_judge_tokens_total", "direction=\"input\"", "provider=\"anthropic\"")
                - anthropicTokensBefore).isEqualTo(3 * 1250);

        assertPromptsWereBuiltFromTheRows(fake.requests());
        List<String> rowTraces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rowTraces.add(Ids.traceId(runId, "row", String.valueOf(i)));
        }
        assertRowTraces(runId, rowTraces);
        assertJudgeTraces(runId, rowTraces);
        assertFeedback(runId, rowTraces);
    }

    static double metric(String name, String... labels) {
        return PrometheusText.sum(given().get("/q/metrics").then().statusCode(200).extract().asString(), name, labels);
    }

    private static FakeLlmReply reply(FakeLlmRequest request) {
        if ("anthropic".equals(request.api())) {
            return FakeLlmReply.verdict(4, "Short and to the point.").withUsage(ANTHROPIC_USAGE);
        }
        if (request.user().contains("<claim>") && request.user().contains("Colour of the sky?")) {
            return FakeLlmReply.text("```json\n{\"rationale\": \"Let's think step by step. Blue is not Green.\","
                    + " \"result\": \"no\"}\n```");
        }
        return FakeLlmReply.verdict("yes", "Let's think step by step. It holds.");
    }

    private static void assertPromptsWereBuiltFromTheRows(List<FakeLlmRequest> requests) {
        assertThat(requests).hasSize(9);
        List<FakeLlmRequest> correctness = requests.stream().filter(r -> r.user().contains("<claim>")).toList();
        assertThat(correctness).hasSize(3).anySatisfy(r -> assertThat(r.user())
                .contains("<question>Capital of France?</question>").contains("- Paris is the capital of France")
                .contains("<document>Paris</document>"));
        assertThat(requests.stream().filter(r -> r.user().contains("<guidelines>")))
                .hasSize(3).allSatisfy(r -> assertThat(r.user()).contains("- Answer in English\n- Be concise"));
        List<FakeLlmRequest> template = requests.stream().filter(r -> "anthropic".equals(r.api())).toList();
        assertThat(template).hasSize(3).allSatisfy(r -> {
            assertThat(r.model()).isEqualTo("claude-sonnet-4-5");
            assertThat(r.system()).contains("Your task: Rate from 1 to 5 how concise {{ outputs }} is")
                    .contains("must be an integer");
        });
        assertThat(template).anySatisfy(r -> assertThat(r.user())
                .isEqualTo("outputs: \"4\"\ninputs: {\"question\":\"What is 2+2?\"}"));
        assertThat(requests).allSatisfy(r -> assertThat(r.system()).contains("\"result\""));
    }

    private static void assertRowTraces(String runId, List<String> rowTraces) {
        List<Runs.Record> spans = Runs.spans(rowTraces);
        assertThat(spans).hasSize(3).allSatisfy(s -> {
            JsonNode span = s.value();
            assertThat(s.key()).isEqualTo(span.path("trace_id").asText());
            assertThat(span.path("parent_span_id").isNull()).isTrue();
            assertThat(span.path("span_type").asText()).isEqualTo("CHAIN");
            assertThat(span.path("trace_metadata").path(MlflowKeys.SOURCE_RUN).asText()).isEqualTo(runId);
        });
        JsonNode first = spans.stream().filter(s -> s.key().equals(rowTraces.get(0))).findFirst().orElseThrow().value();
        assertThat(first.path("inputs").path("question").asText()).isEqualTo("What is 2+2?");
        assertThat(first.path("outputs").asText()).isEqualTo("4");
    }

    private static void assertJudgeTraces(String runId, List<String> rowTraces) {
        List<String> judgeTraces = new ArrayList<>();
        for (String row : rowTraces) {
            for (String scorer : SCORERS) {
                judgeTraces.add(Ids.traceId(runId, row, scorer));
            }
        }
        Map<String, List<JsonNode>> byTrace = Runs.spans(judgeTraces).stream()
                .peek(r -> assertThat(r.key()).isEqualTo(r.value().path("trace_id").asText()))
                .map(Runs.Record::value)
                .collect(Collectors.groupingBy(s -> s.path("trace_id").asText()));
        assertThat(byTrace).hasSize(9);
        byTrace.forEach((traceId, spans) -> {
            assertThat(spans).hasSize(2);
            JsonNode root = spans.stream().filter(s -> s.path("parent_span_id").isNull()).findFirst().orElseThrow();
            JsonNode llm = spans.stream().filter(s -> !s.path("parent_span_id").isNull()).findFirst().orElseThrow();
            String scorer = root.path("name").asText();
            assertThat(SCORERS).contains(scorer);
            assertThat(root.path("span_type").asText()).isEqualTo("EVALUATOR");
            assertThat(root.path("status").path("code").asText()).isEqualTo("OK");
            assertThat(root.path("trace_tags").path(MlflowKeys.SOURCE_SCORER_TAG).asText()).isEqualTo(scorer);
            assertThat(root.path("trace_metadata").path(MlflowKeys.SOURCE_RUN).asText()).isEqualTo(runId);
            assertThat(root.path("outputs").has("result")).isTrue();
            assertThat(llm.path("span_type").asText()).isEqualTo("CHAT_MODEL");
            assertThat(llm.path("parent_span_id").asText()).isEqualTo(root.path("span_id").asText());
            assertThat(llm.path("start_time_ns").asLong()).isGreaterThanOrEqualTo(root.path("start_time_ns").asLong());
            JsonNode usage = llm.path("llm").path("usage");
            if (scorer.equals("conciseness")) {
                assertThat(llm.path("llm").path("provider").asText()).isEqualTo("anthropic");
                assertThat(llm.path("llm").path("model").asText()).isEqualTo("claude-sonnet-4-5");
                assertThat(usage.path("input_tokens").asLong()).as("Anthropic input + cache read + cache write")
                        .isEqualTo(1250);
                assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(1000);
                assertThat(usage.path("cache_creation_input_tokens").asLong()).isEqualTo(200);
                assertThat(usage.path("output_tokens").asLong()).isEqualTo(80);
            } else {
                assertThat(llm.path("llm").path("provider").asText()).isEqualTo("openai");
                assertThat(llm.path("llm").path("model").asText()).isEqualTo("gpt-4.1-mini");
                assertThat(usage.path("input_tokens").asLong()).isEqualTo(1200);
                assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(1000);
                assertThat(usage.path("reasoning_tokens").asLong()).isEqualTo(120);
                assertThat(usage.path("total_tokens").asLong()).isEqualTo(1500);
            }
            JsonNode attributes = llm.path("attributes");
            assertThat(attributes.path(MlflowKeys.LLM_MODEL).asText()).isEqualTo(llm.path("llm").path("model").asText());
            assertThat(attributes.path(MlflowKeys.LLM_PROVIDER).asText()).isEqualTo(llm.path("llm").path("provider").asText());
            assertThat(attributes.path(MlflowKeys.CHAT_TOKEN_USAGE).path("input_tokens").asLong())
                    .isEqualTo(usage.path("input_tokens").asLong());
            String all = spans.toString();
            assertThat(all).doesNotContain("test-openai-key-not-secret").doesNotContain("test-anthropic-key-not-secret");
        });
    }

    private static void assertFeedback(String runId, List<String> rowTraces) {
        List<Runs.Record> records = Runs.assessments(runId);
        List<JsonNode> feedback = Runs.values(records).stream()
                .filter(a -> "FEEDBACK".equals(a.path("assessment_type").asText())).toList();
        List<JsonNode> expectations = Runs.values(records).stream()
                .filter(a -> "EXPECTATION".equals(a.path("assessment_type").asText())).toList();
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().path("trace_id").asText()));
        assertThat(expectations).hasSize(3).allSatisfy(e -> assertThat(rowTraces).contains(e.path("trace_id").asText()));
        assertThat(feedback).hasSize(9);
        for (JsonNode f : feedback) {
            String trace = f.path("trace_id").asText();
            String name = f.path("name").asText();
            assertThat(rowTraces).contains(trace);
            assertThat(f.path("assessment_id").asText()).isEqualTo(Ids.assessmentId(runId, trace, name));
            assertThat(f.path("span_id").asText()).isEqualTo(Ids.spanId(trace, "root"));
            assertThat(f.path("source").path("source_type").asText()).isEqualTo("LLM_JUDGE");
            assertThat(f.path("error").isMissingNode()).isTrue();
            JsonNode metadata = f.path("metadata");
            assertThat(metadata.path(MlflowKeys.SCORER_TRACE_ID).asText()).isEqualTo(Ids.traceId(runId, trace, name));
            assertThat(metadata.has(MlflowKeys.JUDGE_COST)).as("cost is cost-service's job").isFalse();
            if (name.equals("conciseness")) {
                assertThat(f.path("source").path("source_id").asText()).isEqualTo("anthropic:/claude-sonnet-4-5");
                assertThat(f.path("value").asInt()).isEqualTo(4);
                assertThat(metadata.path(MlflowKeys.JUDGE_INPUT_TOKENS).asText()).isEqualTo("1250");
                assertThat(metadata.path(MlflowKeys.JUDGE_OUTPUT_TOKENS).asText()).isEqualTo("80");
            } else {
                assertThat(f.path("source").path("source_id").asText()).isEqualTo("openai:/gpt-4.1-mini");
                assertThat(metadata.path(MlflowKeys.JUDGE_INPUT_TOKENS).asText()).isEqualTo("1200");
                assertThat(metadata.path(MlflowKeys.JUDGE_OUTPUT_TOKENS).asText()).isEqualTo("300");
            }
        }
        JsonNode wrong = feedback.stream().filter(f -> f.path("name").asText().equals("correctness")
                && f.path("trace_id").asText().equals(rowTraces.get(2))).findFirst().orElseThrow();
        assertThat(wrong.path("value").asText()).isEqualTo("no");
        assertThat(wrong.path("rationale").asText()).isEqualTo("Blue is not Green.");
    }

    @Test
    void traceTemplateJudgeGetsTheRowsOwnTraceThroughToolsNotPasted() {
        FakeLlmProvider fake = FakeLlm.get().respondWith(r -> FakeLlmReply.verdict("good", "The trace looks fine."));
        String runId = Runs.start("""
                {"data": [{"inputs": {"question": "Why is the sky blue?"}, "outputs": "Rayleigh scattering",
                           "expectations": {"expected_response": "Rayleigh scattering"}}],
                 "scorers": [{"judge": {"name": "trace_quality", "feedback_value_type": ["good", "bad"],
                   "instructions": "Judge the agent run in {{ trace }} against {{ expectations }}."}}]}""");

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status_message")).isEqualTo("COMPLETED");
        String rowTrace = Ids.traceId(runId, "row", "0");
        FakeLlmRequest request = fake.requests().get(0);
        assertThat(request.system()).contains("must be one of: \"good\", \"bad\"");
        assertThat(request.user()).isEqualTo("trace: not pasted here; read trace " + rowTrace + " with the tools (1 spans)"
                + "\nexpectations: {\"expected_response\":\"Rayleigh scattering\"}");
        assertThat(request.toolNames()).contains("get_trace_info", "get_span");
        assertThat(fake.requests()).as("answered without tools: one round").hasSize(1);
        JsonNode feedback = Runs.values(Runs.assessments(runId)).stream()
                .filter(a -> "FEEDBACK".equals(a.path("assessment_type").asText())).findFirst().orElseThrow();
        assertThat(feedback.path("value").asText()).isEqualTo("good");
        assertThat(feedback.path("name").asText()).isEqualTo("trace_quality");
    }
}
