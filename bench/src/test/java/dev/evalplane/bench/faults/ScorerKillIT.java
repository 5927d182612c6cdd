package dev.evalplane.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.Kafka;
import dev.evalplane.bench.Sql;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.ServiceProcess;

/**
 * kill -9 of scorer-service in the middle of an evaluation run (its own instance on the shared stack), then a new
 * instance on the same database: the run must end in a clear status (scorer-service marks runs left RUNNING by a
 * dead instance FAILED), every feedback is stored once per (row, judge) because its id is deterministic, and the
 * judge cost trace-service reports for the run is exactly the sum cost-service priced for its judge traces.
 */
class ScorerKillIT {

    private static final int ROWS = 30;
    private static final List<Map<String, Object>> SCORERS = List.of(Map.of("builtin", "RelevanceToQuery"),
            Map.of("builtin", "Safety"), Map.of("builtin", "Completeness"));

    @Test
    void killedMidRunEndsClearlyAndCountsNothingTwice() {
        TestStack stack = TestStack.get();
        stack.llm.reset().latency(Duration.ofMillis(300));
        String runId;
        int callsAtKill;
        try (ServiceProcess first = scorer(stack).start()) {
            runId = ScorerInstances.startRun(first, "scorer-kill", ROWS, SCORERS, 4);
            ScorerInstances.awaitJudgeCalls(first, runId, 20);
            first.kill();
            callsAtKill = stack.llm.requests().size();
        }
        try (ServiceProcess second = scorer(stack).start()) {
            JsonNode run = ScorerInstances.awaitFinished(second, runId, Duration.ofSeconds(30));
            System.out.printf("scorer killed after %d provider requests; after the restart the run is %s: %s%n",
                    callsAtKill, run.path("status").asText(), run.path("status_message").asText());
            assertThat(run.path("status").asText()).isIn("FAILED", "COMPLETED", "CANCELLED");
            assertThat(run.path("status_message").asText()).isNotBlank();
            assertThat(run.path("finished_at").asText()).isNotBlank();
        } finally {
            stack.llm.reset();
        }
        assertFeedbackOncePerRowAndJudgeWithExactCost(stack, runId);
    }

    private static void assertFeedbackOncePerRowAndJudgeWithExactCost(TestStack stack, String runId) {
        List<JsonNode> published = new ArrayList<>();
        for (ConsumerRecord<String, String> record : Kafka.readToEnd(Topics.ASSESSMENTS)) {
            JsonNode a = Http.Reply.parse(record.value());
            if (runId.equals(a.path("metadata").path(MlflowKeys.SOURCE_RUN_ID).asText())) {
                published.add(a);
            }
        }
        Set<String> ids = new HashSet<>();
        published.forEach(a -> ids.add(a.path("assessment_id").asText()));
        System.out.printf("%d feedback records of the run on %s, %d distinct ids%n", published.size(),
                Topics.ASSESSMENTS, ids.size());
        assertThat(ids).isNotEmpty().hasSizeLessThanOrEqualTo(ROWS * SCORERS.size());
        try (Sql sql = Sql.open()) {
            String ofRun = " FROM traces.assessments WHERE source_run_id = '" + runId + "' AND assessment_type = 'FEEDBACK'";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(sql.number("SELECT count(*)" + ofRun)).isEqualTo(ids.size()));
            assertThat(sql.number("SELECT count(DISTINCT (trace_id, name))" + ofRun)).isEqualTo(ids.size());
            assertThat(sql.number("SELECT count(DISTINCT scorer_trace_id)" + ofRun)).isEqualTo(ids.size());
            String judgeTraces = "SELECT scorer_trace_id" + ofRun;
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                String priced = sql.strings("SELECT sum(total_cost)::text FROM costs.span_costs WHERE trace_id IN ("
                        + judgeTraces + ")").get(0);
                JsonNode summary = Http.get(stack.services.traceService().url("/api/v1/evaluations/" + runId
                        + "/summary")).expect(200).json();
                assertThat(priced).isNotNull();
                assertThat(new BigDecimal(summary.path("judge_cost").path("total_cost").asText()))
                        .isEqualByComparingTo(new BigDecimal(priced));
            });
        }
    }

    /** Both instances under one host name, as a pod restarted in place (the stack's own scorer has another). */
    private static ServiceProcess scorer(TestStack stack) {
        return ScorerInstances.scorer(stack, "scorer-kill-pod", Map.of());
    }
}
