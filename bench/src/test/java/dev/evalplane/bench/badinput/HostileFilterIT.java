package dev.evalplane.bench.badinput;

import static dev.evalplane.bench.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.Kafka;
import dev.evalplane.bench.Sql;
import dev.evalplane.bench.SyntheticTraces;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;

/**
 * Hostile filter strings sent through the gateway to trace search, the evaluation list and evaluation runs: each
 * is either a clear 400 problem or a search that treats the text as data (no match), never a 5xx, and the stored
 * traces are all still there afterwards.
 */
class HostileFilterIT {

    private static final String SET = "hostile-filter";
    private static TestStack stack;

    @BeforeAll
    static void storeOneTrace() {
        stack = TestStack.get();
        try (Kafka kafka = new Kafka(); Sql sql = Sql.open()) {
            for (SpanEvent span : SyntheticTraces.trace(SET, 0, 3, 1)) {
                kafka.send(Topics.SPANS, span.traceId(), SyntheticTraces.json(span));
            }
            kafka.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> search("tags.team = 'bench' AND metadata.`bench.set` = '"
                    + SET + "'").path("traces").size() == 1);
        }
    }

    @Test
    void syntaxAttacksAreClearProblems() {
        Map<String, String> rejected = Map.of(
                "tags.team = 'bench' OR 1=1", "OR",
                "tags.team = 'bench'; DROP TABLE traces.traces; --", "';'",
                "timestamp_ms > 1 UNION SELECT * FROM pg_user", "",
                "tags.team = 'bench' /* comment */", "",
                "tags.team = $$bench$$", "",
                "status = 'OK' AND (1=1)", "",
                "tags.team = 'a\u0000b'", "NUL",
                "tags.team = 'unterminated", "unterminated",
                "tags.`team = 'x'", "unterminated");
        long before = traceCount();
        rejected.forEach((filter, detail) -> assertProblem(searchReply(filter), 400, detail));
        assertThat(traceCount()).isEqualTo(before);
    }

    @Test
    void injectionInsideQuotedValuesAndKeysIsJustData() {
        long before = traceCount();
        for (String filter : List.of("tags.team = 'bench'' OR ''1''=''1'",
                "tags.`team' OR '1'='1` = 'bench'",
                "tags.`team\"); DROP TABLE traces.traces; --` = 'x'",
                "metadata.`ключ ✓` = '値 \uD83D\uDE00'",
                "tags.team = 'bench\\'",
                "tags.team IN ('x'', ''y', 'bench'' --')")) {
            Http.Reply reply = searchReply(filter);
            assertThat(reply.status()).as("%s -> %s", filter, reply.body()).isEqualTo(200);
            assertThat(reply.json().path("traces")).as(filter).isEmpty();
        }
        assertThat(search("tags.team = 'bench' AND metadata.`bench.set` = '" + SET + "'").path("traces")).hasSize(1);
        assertThat(traceCount()).isEqualTo(before);
    }

    @Test
    void hugeFiltersAreAnsweredQuickly() {
        String longValue = "tags.team = '" + "x".repeat(200_000) + "'";
        String manyClauses = "tags.team = 'bench' AND ".repeat(2000) + "tags.team = 'bench'";
        for (String filter : List.of(longValue, manyClauses)) {
            Http.Reply reply = searchReply(filter);
            assertThat(reply.status()).as(reply.body()).isIn(200, 400);
            if (reply.status() == 400) {
                assertProblem(reply, 400, "");
            }
            assertThat(reply.nanos() / 1_000_000).as("milliseconds").isLessThan(10_000);
        }
    }

    @Test
    void hostilePageTokensAndRunIdsAreClearProblems() {
        assertProblem(Http.get(stack.gateway("/api/v1/evaluations/run-x/traces?page_token=%27%20OR%201%3D1%20--")),
                400, "page_token");
        assertProblem(Http.postJson(stack.gateway("/api/v1/traces/search"), Map.of("experiment_ids", List.of("bench"),
                "page_token", "eyJxIjoiMSIsImsiOlsxXSwiaWQiOiInIE9SIDE9MSJ9")), 400, "page_token");
        Http.Reply list = Http.get(stack.gateway("/api/v1/evaluations/'%20OR%201=1%20--/traces"));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("total").asLong()).isZero();
    }

    @Test
    void encodedSlashesAndQuestionMarksStayInsideTheirPathSegment() {
        Http.Reply traversal = Http.get(stack.gateway("/api/v1/traces/tr-x%2F..%2F..%2Fevaluations%2Frun-x%2Ftraces"));
        assertThat(traversal.status()).as(traversal.body()).isIn(400, 404);
        assertThat(traversal.contentType()).startsWith("application/problem+json");
        Http.Reply query = Http.get(stack.gateway("/api/v1/evaluations/run-x%3Fpage_size%3D0/traces"));
        assertThat(query.status()).as("page_size=0 must not leak out of the run id: %s", query.body()).isEqualTo(200);
        assertThat(query.json().path("total").asLong()).isZero();
    }

    @Test
    void hostileFilterInAnEvaluationRunIsRejectedOrFailsTheRunClearly() {
        long before = traceCount();
        Http.Reply reply = Http.postJson(stack.gateway("/api/v1/evaluations"), Map.of("experiment_id", "bench",
                "filter_string", "tags.team = 'bench'; DROP TABLE traces.traces; --",
                "scorers", List.of(Map.of("builtin", "Safety"))));
        System.out.printf("hostile filter_string in an evaluation: %d %s%n", reply.status(), reply.body());
        if (reply.status() == 400) {
            assertProblem(reply, 400, "");
        } else {
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
            String runId = reply.json().path("run_id").asText();
            JsonNode run = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> Http.get(stack.gateway("/api/v1/evaluations/" + runId)).expect(200).json(),
                            r -> !"RUNNING".equals(r.path("status").asText()));
            assertThat(run.path("status").asText()).isEqualTo("FAILED");
            assertThat(run.path("status_message").asText()).containsIgnoringCase("filter");
        }
        assertThat(traceCount()).isEqualTo(before);
    }

    private static long traceCount() {
        try (Sql sql = Sql.open()) {
            return sql.number("SELECT count(*) FROM traces.traces WHERE trace_id = '"
                    + SyntheticTraces.traceId(SET, 0) + "'") + sql.number("SELECT count(*) FROM traces.spans WHERE"
                    + " trace_id = '" + SyntheticTraces.traceId(SET, 0) + "'");
        }
    }

    private static Http.Reply searchReply(String filter) {
        return Http.postJson(stack.gateway("/api/v1/traces/search"),
                Map.of("experiment_ids", List.of("bench"), "filter_string", filter));
    }

    private static JsonNode search(String filter) {
        return searchReply(filter).expect(200).json();
    }
}
