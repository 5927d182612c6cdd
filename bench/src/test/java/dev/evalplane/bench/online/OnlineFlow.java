package dev.evalplane.bench.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.Kafka;
import dev.evalplane.bench.Sql;
import dev.evalplane.bench.SyntheticTraces;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.events.OnlineSampling;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceStoredEvent;

/**
 * Application traces of an experiment of their own with a judge started on it online, and what must come of them:
 * exactly one stored feedback per sampled trace, from exactly one provider call unless a replica died mid-call.
 */
final class OnlineFlow {

    static final String CONSUMER_GROUP = "scorer-service-online";
    /** What the online consumer group reads: trace-service's announcements of stored traces. */
    static final String TOPIC = Topics.TRACES_STORED;
    static final String JUDGE = "answers";

    final String set;
    final String experiment;
    final int traces;
    final double sampleRate;
    private final List<SpanEvent> spans = new ArrayList<>();
    private String configId;

    OnlineFlow(String set, int traces, double sampleRate) {
        this(set, traces, sampleRate, null);
    }

    /** Traces whose root spans start at {@code startOf(t)} (null: the synthetic set's fixed times in 2026-01). */
    OnlineFlow(String set, int traces, double sampleRate, IntFunction<Instant> startOf) {
        this.set = set + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.experiment = "online-" + this.set;
        this.traces = traces;
        this.sampleRate = sampleRate;
        for (int t = 0; t < traces; t++) {
            List<SpanEvent> trace = SyntheticTraces.trace(this.set, t, 4, 1, experiment);
            if (startOf == null) {
                spans.addAll(trace);
                continue;
            }
            Instant at = startOf.apply(t);
            long shift = at.getEpochSecond() * 1_000_000_000L + at.getNano() - trace.get(0).startTimeNs();
            trace.forEach(s -> spans.add(new SpanEvent(s.schemaVersion(), s.traceId(), s.spanId(), s.parentSpanId(),
                    s.name(), s.spanType(), s.startTimeNs() + shift, s.endTimeNs() + shift, s.status(), s.attributes(),
                    s.inputs(), s.outputs(), s.events(), s.experimentId(), s.traceTags(), s.traceMetadata(), s.llm())));
        }
    }

    /** Registers the judge on the experiment (through the gateway) and starts it with {@code settings}. */
    JsonNode start(TestStack stack, Map<String, Object> settings) {
        String scorers = stack.gateway("/api/v1/experiments/" + experiment + "/scorers");
        Http.postJson(scorers, Map.of("name", JUDGE, "scorer", Map.of("judge", Map.of("name", JUDGE,
                "instructions", "Does {{ outputs }} answer {{ inputs }}?", "feedback_value_type", "yes/no"))))
                .expect(201);
        JsonNode config = Http.postJson(scorers + "/" + JUDGE + "/start", settings).expect(200).json();
        configId = config.path("config_id").asText();
        return config;
    }

    void stop(TestStack stack) {
        Http.post(stack.gateway("/api/v1/experiments/" + experiment + "/scorers/" + JUDGE + "/stop"),
                "application/json", "").expect(200);
    }

    /** Sends every span (the root first, as exporters often do: children arrive within the grace period). */
    void send(Kafka kafka) {
        spans.forEach(s -> kafka.send(Topics.SPANS, s.traceId(), SyntheticTraces.json(s)));
        kafka.flush();
    }

    /** Sends at about {@code perSecond} spans a second in a background thread. */
    Thread sendSlowly(Kafka kafka, int perSecond) {
        Thread sender = new Thread(() -> {
            long start = System.nanoTime();
            int n = 0;
            for (SpanEvent s : spans) {
                kafka.send(Topics.SPANS, s.traceId(), SyntheticTraces.json(s));
                long wait = (start + ++n * 1_000_000_000L / perSecond - System.nanoTime()) / 1_000_000;
                if (wait > 0) {
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            kafka.flush();
        }, "online-flow-" + set);
        sender.start();
        return sender;
    }

    int spanCount() {
        return spans.size();
    }

    List<String> sampled() {
        return sampled(t -> true);
    }

    /** The sampled traces among those {@code among} admits (by index). */
    List<String> sampled(IntPredicate among) {
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < traces; t++) {
            String id = SyntheticTraces.traceId(set, t);
            if (among.test(t) && OnlineSampling.selects(id, JUDGE, sampleRate)) {
                ids.add(id);
            }
        }
        return ids;
    }

    String runId() {
        return "online-" + configId + "-v1";
    }

    /** Provider requests that judged this flow's traces (the prompt quotes the trace's input, which names the set). */
    long providerCalls(TestStack stack) {
        return stack.llm.requests().stream().filter(r -> r.prompt().contains(" from " + set)).count();
    }

    /**
     * Waits until every sampled trace's claim is finished and the online consumer group has read everything. A commit
     * that fails during a rebalance is not retried by SmallRye's throttled commit until the partition has a newer
     * record to commit (bench/RESULTS.md, fault tests): the group then shows a lag for records it has already
     * processed. Once every claim is done, the wait therefore announces a few judge traces (never claimed) on every
     * partition of {@code traces-stored}, as live traffic would, so each consumer commits past them.
     */
    void awaitScored(Sql sql, Duration atMost) {
        long[] nudged = {0};
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(sql.number("SELECT count(*) FROM scoring.online_claims WHERE config_id = '" + configId
                    + "' AND status = 'DONE'")).isEqualTo(sampled().size());
            if (Kafka.groupLag(CONSUMER_GROUP, TOPIC) > 0 && System.nanoTime() - nudged[0] > 5_000_000_000L) {
                nudgeEveryPartition();
                nudged[0] = System.nanoTime();
            }
            assertThat(Kafka.groupLag(CONSUMER_GROUP, TOPIC)).isZero();
        });
    }

    /** The announcement of a judge trace (never claimed) for each of 32 traces: every partition gets some. */
    private void nudgeEveryPartition() {
        String nudge = set + "-nudge-" + UUID.randomUUID().toString().substring(0, 8);
        try (Kafka kafka = new Kafka()) {
            for (int t = 0; t < 32; t++) {
                String traceId = SyntheticTraces.traceId(nudge, t);
                TraceStoredEvent judge = new TraceStoredEvent(TraceStoredEvent.SCHEMA_VERSION, traceId, experiment,
                        System.currentTimeMillis() * 1_000_000L, true, Instant.now());
                kafka.send(TOPIC, traceId, SyntheticTraces.json(judge));
            }
            kafka.flush();
        }
    }

    /** Exactly one stored feedback per sampled trace, none for any other trace. */
    void assertFeedbackOncePerSampledTrace(Sql sql, Duration atMost) {
        String ofRun = " FROM traces.assessments WHERE source_run_id = '" + runId() + "' AND assessment_type = 'FEEDBACK'";
        await().atMost(atMost).untilAsserted(() -> assertThat(sql.strings("SELECT trace_id" + ofRun))
                .containsExactlyInAnyOrderElementsOf(sampled()));
        assertThat(sql.number("SELECT count(*) FROM scoring.online_claims WHERE config_id = '" + configId + "'"))
                .as("one claim per sampled trace").isEqualTo(sampled().size());
    }

    String configId() {
        return configId;
    }
}
