package dev.evalplane.bench.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.Kafka;
import dev.evalplane.bench.Sql;
import dev.evalplane.bench.SyntheticTraces;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;

/**
 * Online scoring on the whole stack (real broker, database, the packaged services, the fake provider): each sampled
 * trace of the experiment is judged once with the feedback an evaluation would give plus its online config; the same
 * spans delivered again change nothing; judge traces, unselected traces and traces past the daily budget are never
 * sent to the provider.
 */
class OnlineScoringIT {

    private final TestStack stack = TestStack.get();

    @AfterEach
    void resetProvider() {
        stack.llm.reset();
    }

    @Test
    void sampledTracesGetOneFeedbackEachAndRedeliveryAddsNothing() {
        OnlineFlow flow = new OnlineFlow("online-once", 40, 0.5);
        flow.start(stack, Map.of("sample_rate", 0.5));
        try (Kafka kafka = new Kafka(); Sql sql = Sql.open()) {
            flow.send(kafka);
            flow.awaitScored(sql, Duration.ofSeconds(60));
            flow.assertFeedbackOncePerSampledTrace(sql, Duration.ofSeconds(30));
            assertThat(flow.providerCalls(stack)).isEqualTo(flow.sampled().size());

            String sampledTrace = flow.sampled().get(0);
            JsonNode feedback = await().atMost(Duration.ofSeconds(30)).until(() -> onlineFeedback(sampledTrace, flow),
                    f -> f != null && f.path("metadata").has(MlflowKeys.JUDGE_COST));
            JsonNode meta = feedback.path("metadata");
            assertThat(meta.path("evalplane.assessment.onlineConfig").asText()).isEqualTo(flow.configId());
            assertThat(meta.path(MlflowKeys.SOURCE_RUN_ID).asText()).isEqualTo(flow.runId());
            assertThat(meta.path(MlflowKeys.SCORER_TRACE_ID).asText()).startsWith("tr-");
            assertThat(meta.path(MlflowKeys.JUDGE_INPUT_TOKENS).asText()).matches("[1-9][0-9]*");
            assertThat(meta.path(MlflowKeys.JUDGE_OUTPUT_TOKENS).asText()).matches("[1-9][0-9]*");
            assertThat(new BigDecimal(meta.path(MlflowKeys.JUDGE_COST).asText())).isPositive();
            assertThat(meta.path("evalplane.assessment.judgeCostStatus").asText()).isEqualTo("PRICED");
            assertThat(feedback.path("source").path("source_type").asText()).isEqualTo("LLM_JUDGE");
            assertThat(feedback.path("feedback").path("value").asText(feedback.path("value").asText())).isEqualTo("yes");

            List<String> judgeTraces = sql.strings("SELECT scorer_trace_id FROM traces.assessments WHERE source_run_id = '"
                    + flow.runId() + "'");
            assertThat(sql.number("SELECT count(*) FROM scoring.online_claims WHERE trace_id = ANY("
                    + Sql.idArray(judgeTraces) + ")")).as("judge traces are never claimed").isZero();

            flow.send(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> Kafka.groupLag(OnlineFlow.CONSUMER_GROUP, OnlineFlow.TOPIC) == 0);
            flow.awaitScored(sql, Duration.ofSeconds(30));
            flow.assertFeedbackOncePerSampledTrace(sql, Duration.ofSeconds(10));
            assertThat(flow.providerCalls(stack)).as("redelivered spans are not judged again")
                    .isEqualTo(flow.sampled().size());
        } finally {
            flow.stop(stack);
        }
    }

    @Test
    void startWithBackfillScoresTheStoredTracesOfTheWindowOnce() {
        Instant now = Instant.now();
        int old = 5;
        // traces 0-4 started 3 hours ago (outside a 2-hour window), the other 20 half an hour ago
        OnlineFlow flow = new OnlineFlow("online-backfill", 25, 0.5,
                t -> now.minus(t < old ? Duration.ofHours(3) : Duration.ofMinutes(30)).plusSeconds(t));
        try (Kafka kafka = new Kafka(); Sql sql = Sql.open()) {
            flow.send(kafka);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sql.number(
                    "SELECT count(*) FROM traces.traces WHERE experiment_id = '" + flow.experiment + "'")).isEqualTo(25));
            // the online consumer has read their announcements while nothing was started: only the backfill claims them
            await().atMost(Duration.ofSeconds(60)).until(() -> Kafka.groupLag(OnlineFlow.CONSUMER_GROUP, OnlineFlow.TOPIC) == 0);
            List<String> expected = flow.sampled(t -> t >= old);

            JsonNode started = flow.start(stack, Map.of("sample_rate", 0.5, "backfill_hours", 2));
            JsonNode backfill = started.path("backfill");
            assertThat(backfill.path("hours").asInt()).as(started.toString()).isEqualTo(2);
            assertThat(backfill.path("traces_seen").asLong()).isEqualTo(20);
            assertThat(backfill.path("claimed").asLong()).isEqualTo(expected.size());
            assertThat(backfill.path("truncated").asBoolean()).isFalse();
            String ofRun = "SELECT trace_id FROM traces.assessments WHERE source_run_id = '" + flow.runId()
                    + "' AND assessment_type = 'FEEDBACK'";
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(sql.strings(ofRun))
                    .containsExactlyInAnyOrderElementsOf(expected));
            assertThat(flow.providerCalls(stack)).isEqualTo(expected.size());

            JsonNode again = Http.postJson(stack.gateway("/api/v1/experiments/" + flow.experiment + "/scorers/"
                    + OnlineFlow.JUDGE + "/start"), Map.of("sample_rate", 0.5, "backfill_hours", 2)).expect(200).json();
            assertThat(again.path("backfill").path("claimed").asLong()).as("the same window again claims nothing")
                    .isZero();
            assertThat(sql.number("SELECT count(*) FROM scoring.online_claims WHERE config_id = '" + flow.configId()
                    + "' AND status IN ('PENDING', 'SCORING')")).isZero();
            assertThat(sql.strings(ofRun)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(flow.providerCalls(stack)).isEqualTo(expected.size());
            Http.Reply tooLong = Http.postJson(stack.gateway("/api/v1/experiments/" + flow.experiment + "/scorers/"
                    + OnlineFlow.JUDGE + "/start"), Map.of("sample_rate", 0.5, "backfill_hours", 169));
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.json().path("detail").asText()).contains("from 1 to 168");
        } finally {
            flow.stop(stack);
        }
    }

    @Test
    void aFilterThatSelectsNothingSendsNothingToTheProvider() {
        OnlineFlow flow = new OnlineFlow("online-filter", 10, 1.0);
        flow.start(stack, Map.of("sample_rate", 1.0, "filter_string", "tags.team = 'nobody'"));
        try (Kafka kafka = new Kafka(); Sql sql = Sql.open()) {
            flow.send(kafka);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sql.number(
                    "SELECT count(*) FROM scoring.online_claims WHERE config_id = '" + flow.configId()
                            + "' AND status = 'SKIPPED'")).isEqualTo(10));
            assertThat(flow.providerCalls(stack)).isZero();
        } finally {
            flow.stop(stack);
        }
    }

    @Test
    void theDailyBudgetStopsScoringBeforeAnyCallPastItAndTheStopIsVisible() {
        OnlineFlow flow = new OnlineFlow("online-budget", 30, 1.0);
        BigDecimal budget = new BigDecimal("0.004");
        flow.start(stack, Map.of("sample_rate", 1.0, "daily_budget_usd", budget));
        try (Kafka kafka = new Kafka(); Sql sql = Sql.open()) {
            flow.send(kafka);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sql.number(
                    "SELECT count(*) FROM scoring.online_claims WHERE config_id = '" + flow.configId()
                            + "' AND status IN ('DONE', 'SKIPPED_BUDGET')")).isEqualTo(30));
            long done = sql.number("SELECT count(*) FROM scoring.online_claims WHERE config_id = '" + flow.configId()
                    + "' AND status = 'DONE'");
            BigDecimal spent = new BigDecimal(sql.strings("SELECT COALESCE(sum(cost_usd), 0)::text FROM"
                    + " scoring.online_claims WHERE config_id = '" + flow.configId() + "'").get(0));
            System.out.printf("budget $%s: %d of 30 traces judged for $%s, the rest skipped%n", budget, done, spent);
            assertThat(done).isBetween(1L, 29L);
            assertThat(flow.providerCalls(stack)).isEqualTo(done);
            assertThat(spent).isLessThanOrEqualTo(budget);
            JsonNode config = Http.get(stack.gateway("/api/v1/experiments/" + flow.experiment + "/scorers/"
                    + OnlineFlow.JUDGE + "/online")).expect(200).json();
            assertThat(config.path("today").path("budget_reached").asBoolean()).isTrue();
            assertThat(config.path("today").path("skipped_budget").asLong()).isEqualTo(30 - done);
            JsonNode monitoring = Http.get(stack.gateway("/api/v1/experiments/" + flow.experiment
                    + "/online-scorers")).expect(200).json();
            assertThat(monitoring.path("scorers").get(0).path("spend").get(0).path("budget_reached").asBoolean())
                    .isTrue();
        } finally {
            flow.stop(stack);
        }
    }

    @Test
    void hostileSettingsAreRejectedThroughTheGatewayWithTheReason() {
        OnlineFlow flow = new OnlineFlow("online-hostile", 1, 1.0);
        flow.start(stack, Map.of("sample_rate", 0.5));
        String update = stack.gateway("/api/v1/experiments/" + flow.experiment + "/scorers/" + OnlineFlow.JUDGE + "/update");
        try {
            for (String filter : List.of("tags.team = 'a' OR 1=1", "'; DROP TABLE scoring.online_configs; --",
                    "tags.team = 'a' AND (SELECT pg_sleep(10))")) {
                Http.Reply reply = Http.postJson(update, Map.of("filter_string", filter));
                assertThat(reply.status()).as(filter).isEqualTo(400);
                assertThat(reply.contentType()).startsWith("application/problem+json");
                assertThat(reply.json().path("detail").asText()).startsWith("filter_string: ");
            }
            Http.Reply huge = Http.post(update, "application/json", "{\"sample_rate\": 1e999}");
            assertThat(huge.status()).isEqualTo(400);
            JsonNode config = Http.get(stack.gateway("/api/v1/experiments/" + flow.experiment + "/scorers/"
                    + OnlineFlow.JUDGE + "/online")).expect(200).json();
            assertThat(config.path("filter_string").isNull()).as("nothing was changed").isTrue();
            assertThat(config.path("sample_rate").asDouble()).isEqualTo(0.5);
        } finally {
            flow.stop(stack);
        }
    }

    /**
     * The grace period starts at the root span's end: a child span arriving after the root but within the grace is
     * part of what the judge reads, one arriving after the trace was scored is stored by trace-service but the feedback
     * is not redone. An agent judge ({@code {{ trace }}}) is told how many spans the trace has.
     */
    @Test
    void aLateChildWithinTheGraceIsJudgedAndOneAfterItIsNot() throws Exception {
        String set = "online-grace-" + UUID.randomUUID().toString().substring(0, 8);
        String experiment = "online-" + set;
        String scorers = stack.gateway("/api/v1/experiments/" + experiment + "/scorers");
        Http.postJson(scorers, Map.of("name", "complete", "scorer", Map.of("judge", Map.of("name", "complete",
                "instructions", "Is {{ trace }} complete?", "feedback_value_type", "yes/no")))).expect(201);
        Http.postJson(scorers + "/complete/start", Map.of("sample_rate", 1.0)).expect(200);
        List<SpanEvent> spans = endingNow(SyntheticTraces.trace(set, 0, 3, 0, experiment));
        String traceId = spans.get(0).traceId();
        try (Kafka kafka = new Kafka(); Sql sql = Sql.open()) {
            kafka.send(Topics.SPANS, traceId, SyntheticTraces.json(spans.get(0))).get();
            kafka.send(Topics.SPANS, traceId, SyntheticTraces.json(spans.get(1))).get();
            String claim = "SELECT status FROM scoring.online_claims WHERE trace_id = '" + traceId + "'";
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> sql.strings(claim), statuses -> statuses.equals(List.of("DONE")));
            kafka.send(Topics.SPANS, traceId, SyntheticTraces.json(spans.get(2))).get();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(sql.number("SELECT count(*) FROM traces.spans WHERE trace_id = '" + traceId + "'"))
                        .as("the span after the grace is stored as usual").isEqualTo(3);
                assertThat(Kafka.groupLag(OnlineFlow.CONSUMER_GROUP, OnlineFlow.TOPIC)).isZero();
            });
            List<String> prompts = stack.llm.requests().stream().map(r -> r.prompt())
                    .filter(p -> p.contains(traceId)).toList();
            assertThat(prompts).as("one judge call, on the root and the child that arrived within the grace")
                    .singleElement().satisfies(p -> assertThat(p).contains("(2 spans)"));
            assertThat(sql.number("SELECT count(*) FROM traces.assessments WHERE trace_id = '" + traceId
                    + "' AND assessment_type = 'FEEDBACK'")).as("the feedback is not redone").isEqualTo(1);
            assertThat(sql.strings(claim)).containsExactly("DONE");
        } finally {
            Http.post(scorers + "/complete/stop", "application/json", "").expect(200);
        }
    }

    /** The spans shifted so that the root span (the first) ends now. */
    private static List<SpanEvent> endingNow(List<SpanEvent> trace) {
        long shift = System.currentTimeMillis() * 1_000_000L - trace.get(0).endTimeNs();
        return trace.stream().map(s -> new SpanEvent(s.schemaVersion(), s.traceId(), s.spanId(), s.parentSpanId(),
                s.name(), s.spanType(), s.startTimeNs() + shift, s.endTimeNs() + shift, s.status(), s.attributes(),
                s.inputs(), s.outputs(), s.events(), s.experimentId(), s.traceTags(), s.traceMetadata(), s.llm()))
                .toList();
    }

    private JsonNode onlineFeedback(String traceId, OnlineFlow flow) {
        JsonNode trace = Http.get(stack.services.traceService().url("/api/v1/traces/" + traceId)).expect(200).json();
        for (JsonNode a : trace.path("info").path("assessments")) {
            if (flow.runId().equals(a.path("metadata").path(MlflowKeys.SOURCE_RUN_ID).asText())) {
                return a;
            }
        }
        return null;
    }
}
