package dev.evalplane.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.RealStack;

/**
 * How long after a judge call ends (end of the judge trace's LLM span) its feedback shows its judgeCost through
 * trace-service's API: scorer-service publishes the judge trace and the feedback, cost-service prices the span and
 * publishes the trace cost, trace-service stores it and applies it to the feedback. Once cost-service has sent a
 * judge trace's cost ({@link JudgeCostWatch}), the feedback's row is read through trace-service's API until the cost
 * shows: every --poll-ms (10), one batch-get of every row due (before, the whole evaluation list was polled: at 200
 * rows one poll took up to 600 ms on a loaded machine, and the figure measured the poll; then up to 8 single reads at
 * once, which queued behind each other). A run of --rows (200) x --judges (2) at --latency-ms (200), --concurrency
 * (4), after warm-up runs of --warm-up-rows (as --rows), each measured the same way, until the services' JIT
 * compiler threads use at most --warm-up-jit-share of their CPU ({@link JitWarmUp}). The limit is two raw Kafka hops
 * (spans -> cost-service, trace-costs -> trace-service) measured in the same run.
 */
final class CostLatencyBench {

    private static final String NAME = "cost-latency";

    static void run(Options options, Report report) throws Exception {
        int rows = options.integer("rows", 200);
        int judges = options.integer("judges", 2);
        int pollMs = options.integer("poll-ms", 10);
        try (FakeLlmProvider llm = FakeLlmProvider.start(); RealStack stack = RealStack.start(llm);
                Kafka kafka = new Kafka()) {
            llm.latency(Duration.ofMillis(options.integer("latency-ms", 200)));
            int concurrency = options.integer("concurrency", 4);
            // as in `judges`: the services run with the full JIT, and a first run spends much of its CPU compiling; the
            // warm-up sets are whole measurements (judge run, watch and reads through the API), so the read path is
            // compiled too
            int warmUpRows = options.integer("warm-up-rows", rows);
            JitWarmUp.of("judgements watched until their cost showed", JitWarmUp.services(stack)).run(options,
                    report, set -> {
                        measure(stack, "warm-up " + set, warmUpRows, judges, concurrency, pollMs);
                        return (long) warmUpRows * judges;
                    });
            Measurement m = measure(stack, "cost-latency", rows, judges, concurrency, pollMs);
            Map<String, Long> seenAt = m.seenAt();
            report.line("%d reads of a row's trace, in %d cycles (one batch-get of every due row per cycle)",
                    m.reads(), m.cycles());
            List<Long> latencies = new ArrayList<>();
            Map<String, Long> spanEnd = new LinkedHashMap<>();
            seenAt.forEach((id, seen) -> {
                long end = llmSpanEndMs(stack, m.judgeTrace().get(id));
                spanEnd.put(id, end);
                latencies.add(seen - end);
            });
            Stats stats = Stats.ofMillis(latencies);
            report.figure(NAME, "LLM span end -> judgeCost visible (" + latencies.size() + " feedback)",
                    stats + String.format(" (poll cycle %.0f ms)", m.cycleNanos() / 1e6 / Math.max(1, m.cycles())));
            CostLatencyStages.report(report, NAME, seenAt, m.judgeTrace(), spanEnd, m.dueAt());
            Stats hop = Stats.ofNanos(Baselines.kafkaHops(kafka, 200));
            report.figure(NAME, "limit: one raw Kafka hop", hop.toString());
            report.ratio(NAME, "p50 / (2 x p50 of a raw Kafka hop)", stats.p50(), 2 * hop.p50(),
                    "how far from the transport alone");
        }
    }

    /** What one measured run saw: when each feedback's cost first showed, its judge trace, when it was due. */
    private record Measurement(Map<String, Long> seenAt, Map<String, String> judgeTrace, Map<String, Long> dueAt,
            long reads, long cycles, long cycleNanos) {
    }

    /**
     * Runs an evaluation of rows x judges and, once cost-service has sent a judge trace's cost, reads the feedback's
     * row through trace-service's API every poll until the cost shows.
     */
    private static Measurement measure(RealStack stack, String name, int rows, int judges, int concurrency,
            int pollMs) throws Exception {
        Map<String, Long> seenAt = new HashMap<>();
        Map<String, String> judgeTrace = new HashMap<>();
        Map<String, Long> dueAt = new HashMap<>();
        long reads = 0;
        long cycles = 0;
        long cycleNanos = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (JudgeCostWatch watch = new JudgeCostWatch()) {
            String runId = Judging.start(stack, name, rows, judges, concurrency);
            while (seenAt.size() < rows * judges && System.nanoTime() < deadline) {
                long t = System.nanoTime();
                Set<String> dueRows = new LinkedHashSet<>();
                for (JudgeCostWatch.Feedback f : watch.due(runId)) {
                    if (!seenAt.containsKey(f.assessmentId())) {
                        dueRows.add(f.rowTrace());
                        dueAt.putIfAbsent(f.assessmentId(), watch.dueAt(f));
                    }
                }
                if (!dueRows.isEmpty()) {
                    read(stack, List.copyOf(dueRows), seenAt, judgeTrace);
                    reads += dueRows.size();
                    cycles++;
                    cycleNanos += System.nanoTime() - t + pollMs * 1_000_000L;
                }
                Thread.sleep(pollMs);
            }
            watch.lag().forEach((topic, lag) -> System.out.printf("the watch's own delay on %s (record time -> had"
                    + " it): %s%n", topic, lag));
        }
        if (seenAt.size() < rows * judges) {
            throw new IllegalStateException("only " + seenAt.size() + " of " + rows * judges
                    + " feedback showed a judge cost within 10 minutes");
        }
        return new Measurement(seenAt, judgeTrace, dueAt, reads, cycles, cycleNanos);
    }

    /**
     * Reads the rows' traces in one request (trace-service's batch-get, at most {@link #BATCH} a request) and records,
     * for each of their feedback now showing a judge cost, the first time seen.
     */
    private static void read(RealStack stack, List<String> rowTraces, Map<String, Long> seenAt,
            Map<String, String> judgeTrace) {
        for (int from = 0; from < rowTraces.size(); from += BATCH) {
            List<String> ids = rowTraces.subList(from, Math.min(rowTraces.size(), from + BATCH));
            JsonNode traces = Http.postJson(stack.traceService().url("/api/v1/traces/batch-get"),
                    Map.of("trace_ids", ids)).expect(200).json().path("traces");
            long now = System.currentTimeMillis();
            for (JsonNode trace : traces) {
                for (JsonNode a : trace.path("info").path("assessments")) {
                    JsonNode metadata = a.path("metadata");
                    if (metadata.has(MlflowKeys.JUDGE_COST)) {
                        seenAt.putIfAbsent(a.path("assessment_id").asText(), now);
                        judgeTrace.put(a.path("assessment_id").asText(),
                                metadata.path(MlflowKeys.SCORER_TRACE_ID).asText());
                    }
                }
            }
        }
    }

    /** Row traces read in one batch-get (trace-service takes up to 1000). */
    private static final int BATCH = 200;

    /** End of the judge trace's last LLM call (epoch milliseconds). */
    private static long llmSpanEndMs(RealStack stack, String traceId) {
        JsonNode trace = Http.get(stack.traceService().url("/api/v1/traces/" + traceId)).expect(200).json();
        long end = 0;
        for (JsonNode span : trace.path("spans")) {
            if (!span.path("llm").isMissingNode() && !span.path("llm").isNull()) {
                end = Math.max(end, span.path("end_time_ns").asLong() / 1_000_000);
            }
        }
        if (end == 0) {
            throw new IllegalStateException("judge trace " + traceId + " has no LLM span");
        }
        return end;
    }

    private CostLatencyBench() {
    }
}
