package dev.evalplane.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.RealStack;

/**
 * How long after a judge call ends (end of the judge trace's LLM span) its feedback shows its judgeCost through
 * trace-service's API: scorer-service publishes the judge trace and the feedback, cost-service prices the span and
 * publishes the trace cost, trace-service stores it and applies it to the feedback. Once cost-service has sent a
 * judge trace's cost ({@link JudgeCostWatch}), the feedback's row is read through trace-service's API every
 * --poll-ms (10) until the cost shows (before, the whole evaluation list was polled: at 200 rows one poll took up to
 * 600 ms on a loaded machine, and the figure measured the poll). A run of --rows (200) x --judges (2) at
 * --latency-ms (200), --concurrency (4). The limit is two raw Kafka hops (spans -> cost-service, trace-costs ->
 * trace-service) measured in the same run.
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
            report.line("warm-up: 10 rows x %d judges", judges);
            Judging.run(stack, "warm-up", 10, judges, 4);

            String runId = Judging.start(stack, "cost-latency", rows, judges, options.integer("concurrency", 4));
            Map<String, Long> seenAt = new ConcurrentHashMap<>();
            Map<String, String> judgeTrace = new ConcurrentHashMap<>();
            long reads = 0;
            long cycles = 0;
            long cycleNanos = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            ExecutorService readers = Executors.newFixedThreadPool(8);
            try (JudgeCostWatch watch = new JudgeCostWatch(runId)) {
                while (seenAt.size() < rows * judges && System.nanoTime() < deadline) {
                    long t = System.nanoTime();
                    Set<String> dueRows = new LinkedHashSet<>();
                    for (JudgeCostWatch.Feedback f : watch.due()) {
                        if (!seenAt.containsKey(f.assessmentId())) {
                            dueRows.add(f.rowTrace());
                        }
                    }
                    List<Callable<Void>> batch = new ArrayList<>();
                    for (String row : dueRows) {
                        batch.add(() -> read(stack, row, seenAt, judgeTrace));
                    }
                    for (Future<Void> done : readers.invokeAll(batch)) {
                        done.get();
                    }
                    reads += dueRows.size();
                    if (!dueRows.isEmpty()) {
                        cycles++;
                        cycleNanos += System.nanoTime() - t + pollMs * 1_000_000L;
                    }
                    Thread.sleep(pollMs);
                }
            } finally {
                readers.shutdownNow();
            }
            if (seenAt.size() < rows * judges) {
                throw new IllegalStateException("only " + seenAt.size() + " of " + rows * judges
                        + " feedback showed a judge cost within 10 minutes");
            }
            report.line("%d reads of a row's trace (up to 8 at once), in %d cycles", reads, cycles);
            List<Long> latencies = new ArrayList<>();
            Map<String, Long> spanEnd = new LinkedHashMap<>();
            seenAt.forEach((id, seen) -> {
                long end = llmSpanEndMs(stack, judgeTrace.get(id));
                spanEnd.put(id, end);
                latencies.add(seen - end);
            });
            Stats stats = Stats.ofMillis(latencies);
            report.figure(NAME, "LLM span end -> judgeCost visible (" + latencies.size() + " feedback)",
                    stats + String.format(" (poll cycle %.0f ms)", cycleNanos / 1e6 / Math.max(1, cycles)));
            CostLatencyStages.report(report, NAME, seenAt, judgeTrace, spanEnd);
            Stats hop = Stats.ofNanos(Baselines.kafkaHops(kafka, 200));
            report.figure(NAME, "limit: one raw Kafka hop", hop.toString());
            report.ratio(NAME, "p50 / (2 x p50 of a raw Kafka hop)", stats.p50(), 2 * hop.p50(),
                    "how far from the transport alone");
        }
    }

    /** Reads a row's trace and records, for each of its feedback now showing a judge cost, the first time seen. */
    private static Void read(RealStack stack, String rowTrace, Map<String, Long> seenAt,
            Map<String, String> judgeTrace) {
        JsonNode trace = Http.get(stack.traceService().url("/api/v1/traces/" + rowTrace)).expect(200).json();
        long now = System.currentTimeMillis();
        for (JsonNode a : trace.path("info").path("assessments")) {
            JsonNode metadata = a.path("metadata");
            if (metadata.has(MlflowKeys.JUDGE_COST)) {
                seenAt.putIfAbsent(a.path("assessment_id").asText(), now);
                judgeTrace.put(a.path("assessment_id").asText(), metadata.path(MlflowKeys.SCORER_TRACE_ID).asText());
            }
        }
        return null;
    }

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
