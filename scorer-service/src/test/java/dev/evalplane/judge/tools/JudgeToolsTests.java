package dev.evalplane.judge.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.judge.provider.ToolCall;
import dev.evalplane.judge.scorer.BoundedRegex;
import dev.evalplane.judge.support.AgentTraces;
import dev.evalplane.judge.tracing.TraceView;

/** The agent judge's tools over an agent trace: results, paging, and errors the model gets back as text. */
class JudgeToolsTests {

    private static final TraceView TRACE = trace();

    private static TraceView trace() {
        try {
            return TraceView.of(EventJson.mapper().readTree(AgentTraces.trace(1500)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JudgeTools.Outcome call(String tool, String args) throws Exception {
        return JudgeTools.invoke(TRACE, new ToolCall("c1", tool, EventJson.mapper().readTree(args)),
                BoundedRegex.Budget.of(Duration.ofSeconds(5), "judgement"));
    }

    @Test
    void listSpansPagesInStartOrder() throws Exception {
        JsonNode page = call("list_spans", "{\"max_results\": \"3\"}").output();
        assertThat(page.path("spans").findValuesAsText("name")).containsExactly("agent", "planner", "retrieve");
        assertThat(page.path("next_page_token").asText()).isEqualTo("3");
        JsonNode last = call("list_spans", "{\"max_results\": 3, \"page_token\": \"6\"}").output();
        assertThat(last.path("spans").findValuesAsText("name")).containsExactly("openai.chat");
        assertThat(last.path("next_page_token").isNull()).isTrue();
        assertThat(last.path("spans").get(0).path("parent_id").asText()).isEqualTo("a000000000000006");
    }

    @Test
    void getSpanPagesLargeContentAndReportsUnknownIds() throws Exception {
        JsonNode whole = call("get_span", "{\"span_id\": \"" + AgentTraces.SEARCH + "\"}").output();
        String content = whole.path("content").asText();
        assertThat(content).contains("secret-marker-7731");
        assertThat(whole.path("page_token").isNull()).isTrue();
        JsonNode first = call("get_span", "{\"span_id\": \"" + AgentTraces.SEARCH + "\", \"max_content_length\": 40}").output();
        assertThat(first.path("content").asText()).isEqualTo(content.substring(0, 40));
        JsonNode next = call("get_span", "{\"span_id\": \"" + AgentTraces.SEARCH + "\", \"max_content_length\": 40,"
                + " \"page_token\": \"" + first.path("page_token").asText() + "\"}").output();
        assertThat(next.path("content").asText()).isEqualTo(content.substring(40, 80));
        assertThat(call("get_span", "{\"span_id\": \"ffffffffffffffff\"}").output().path("error").asText())
                .contains("no span ffffffffffffffff");
        JsonNode only = call("get_span", "{\"span_id\": \"" + AgentTraces.ROOT + "\", \"attributes_to_fetch\": [\"nope\"]}")
                .output();
        assertThat(only.path("content").asText()).contains("\"attributes\":{}");
    }

    @Test
    void traceInfoAndRegexSearch() throws Exception {
        JsonNode info = call("get_trace_info", "{}").output();
        assertThat(info.path("span_count").asInt()).isEqualTo(7);
        assertThat(info.path("execution_duration_ms").asLong()).isEqualTo(1500);
        assertThat(info.path("request_preview").asText()).contains("What is 6 times 7?");
        JsonNode found = call("search_trace_regex", "{\"pattern\": \"SIX SEVENS\", \"surrounding_content_length\": 5}")
                .output();
        assertThat(found.path("total_matches").asInt()).isEqualTo(1);
        assertThat(found.path("matches").get(0).path("span_id").asText()).isEqualTo(AgentTraces.RETRIEVER);
        assertThat(found.path("matches").get(0).path("surrounding_text").asText()).isEqualTo("nt\":\"Six sevens are ");
        assertThat(call("search_trace_regex", "{\"pattern\": \"(\"}").output().path("error").asText())
                .startsWith("invalid regular expression");
    }

    @Test
    void badCallsBecomeErrorTextForTheModel() throws Exception {
        assertThat(call("delete_trace", "{}").content()).startsWith("Error: unknown tool 'delete_trace'");
        JudgeTools.Outcome missing = call("get_span", "{}");
        assertThat(missing.failed()).isTrue();
        assertThat(missing.content()).isEqualTo("Error: missing required argument 'span_id'");
        assertThat(JudgeTools.invoke(TRACE, new ToolCall("c", "list_spans",
                EventJson.mapper().getNodeFactory().textNode("not json")), BoundedRegex.Budget.of(Duration.ofSeconds(5),
                "judgement")).content())
                .startsWith("Error: the arguments of list_spans must be a JSON object");
        assertThat(call("list_spans", "{\"max_results\": \"many\"}").content())
                .isEqualTo("Error: argument 'max_results' must be an integer, got \"many\"");
    }

    @Test
    void allRegexSearchesOfAJudgementShareOneTimeBudget() throws Exception {
        TraceView longRuns = TraceView.of(EventJson.mapper().readTree("{\"spans\": [" + String.join(", ",
                java.util.Collections.nCopies(3, "{\"span_id\": \"a000000000000001\", \"name\": \"s\", \"outputs\": \""
                        + "x".repeat(4000) + "\"}")) + "]}"));
        BoundedRegex.Budget budget = BoundedRegex.Budget.of(Duration.ofMillis(100), "judgement");
        ToolCall catastrophic = new ToolCall("c1", "search_trace_regex", EventJson.mapper().readTree(
                "{\"pattern\": \"(x+x+)+y\"}"));
        assertThatThrownBy(() -> JudgeTools.invoke(longRuns, catastrophic, budget))
                .isInstanceOf(BoundedRegex.TooSlowException.class).hasMessageContaining("per judgement");
        ToolCall trivial = new ToolCall("c2", "search_trace_regex", EventJson.mapper().readTree("{\"pattern\": \"x\"}"));
        assertThatThrownBy(() -> JudgeTools.invoke(longRuns, trivial, budget)).as("the budget is spent for the judgement")
                .isInstanceOf(BoundedRegex.TooSlowException.class);
        assertThat(JudgeTools.invoke(longRuns, trivial, BoundedRegex.Budget.of(Duration.ofSeconds(5), "judgement"))
                .output().path("total_matches").asInt()).as("a new judgement has a new budget").isEqualTo(12000);
    }
}
