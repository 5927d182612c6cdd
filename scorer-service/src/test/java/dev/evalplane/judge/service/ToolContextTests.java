package dev.evalplane.judge.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.evalplane.judge.provider.ChatRequest;
import dev.evalplane.judge.provider.ToolCall;
import dev.evalplane.judge.provider.ToolExchange;
import dev.evalplane.judge.provider.ToolResult;

/** The agent judge's context budget: long tool results are cut, the oldest exchanges dropped first. */
class ToolContextTests {

    private static ToolExchange exchange(String id, int resultChars) {
        return new ToolExchange("", List.of(new ToolCall(id, "get_span", JsonNodeFactory.instance.objectNode())),
                List.of(new ToolResult(id, "get_span", "x".repeat(resultChars))));
    }

    @Test
    void longResultsAreCutAndSaySo() {
        assertThat(ToolContext.cut("abcdef", 10)).isEqualTo("abcdef");
        assertThat(ToolContext.cut("abcdefghij", 4)).isEqualTo("abcd...[cut: 4 of 10 characters shown]");
    }

    @Test
    void oldestExchangesGoFirstAndTheNewestStays() {
        ChatRequest prompt = new ChatRequest("s".repeat(100), "u".repeat(100));
        List<ToolExchange> all = List.of(exchange("a", 300), exchange("b", 300), exchange("c", 300));
        assertThat(ToolContext.fit(prompt, all, 10_000)).hasSize(3);
        assertThat(ToolContext.fit(prompt, all, 900)).extracting(e -> e.calls().get(0).id()).containsExactly("b", "c");
        assertThat(ToolContext.fit(prompt, all, 100)).extracting(e -> e.calls().get(0).id()).containsExactly("c");
    }
}
