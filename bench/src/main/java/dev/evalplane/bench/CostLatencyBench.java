package dev.evalplane.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.RealStack;

/**
 * How long after a judge call ends (end of the judge trace's LLM span) its feedback shows its judgeCost through
 * trace-service's API: scorer-service publishes the judge trace and the feedback, cost-service prices the span and
 * publishes the trace cost, trace-service stores it and applies it to the feedback. The evaluation list is polled
 * every --poll-ms (50) during a run of --rows (200) x --judges (2) at --latency-ms (200), --concurrency (4). The
 * limit is two raw Kafka hops (spans -> cost-service, trace-costs -> trace-service) measured in the same run.
 */
final class CostLatencyBench {

    private static final String NAME = "cost-latency";

    static void run(Options options, Report report) throws Exception {
        int rows = options.integer("rows", 200);
        int judges = options.integer("judges", 2);
        int pollMs = options.integer("poll-ms", 50);
        try (FakeLlmProvider llm = FakeLlmProvider.start(); RealStack stack = RealStack.start(llm);
                Kafka kafka = new Kafka()) {
            llm.latency(Duration.ofMillis(options.integer("latency-ms", 200)));
            report.line("warm-up: 10 rows x %d judges", judges);
            Judging.run(stack, "warm-up", 10, judges, 4);

            String runId = Judging.start(stack, "cost-latency", rows, judges, options.integer("concurrency", 4));
            Map<String, Long> seenAt = new LinkedHashMap<>();
            Map<String, String> judgeTrace = new LinkedHashMap<>();
            long polls = 0;
            long pollNanos = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (seenAt.size() < rows * judges && System.nanoTime() < deadline) {
                long t = System.nanoTime();
                poll(stack, runId, seenAt, judgeTrace);
                pollNanos += System.nanoTime() - t;
                polls++;
                Thread.sleep(pollMs);
            }
            if (seenAt.size() < rows * judges) {
                throw new IllegalStateException("only " + seenAt.size() + " of " + rows * judges
                        + " feedback showed a judge cost within 10 minutes");
            }
            List<Long> latencies = new ArrayList<>();
            Map<String, Long> spanEnd = new LinkedHashMap<>();
            seenAt.forEach((id, seen) -> {
                long end = llmSpanEndMs(stack, judgeTrace.get(id));
                spanEnd.put(id, end);
                latencies.add(seen - end);
            });
            Stats stats = Stats.ofMillis(latencies);
            report.figure(NAME, "LLM span end -> judgeCost visible (" + latencies.size() + " feedback)",
                    stats + String.format(" (poll cycle %.0f ms)", pollMs + pollNanos / 1e6 / polls));
            CostLatencyStages.report(report, NAME, seenAt, judgeTrace, spanEnd);
            Stats hop = Stats.ofNanos(Baselines.kafkaHops(kafka, 200));
            report.figure(NAME, "limit: one raw Kafka hop", hop.toString());
            report.ratio(NAME, "p50 / (2 x p50 of a raw Kafka hop)", stats.p50(), 2 * hop.p50(),
                    "how far from the transport alone");
        }
    }

    /** Records, for every feedback of the run now showing a judge cost, the first time it was seen. */
    private static void poll(RealStack stack, String runId, Map<String, Long> seenAt, Map<String, String> judgeTrace) {
        String token = null;
        do {
            JsonNode page = Http.get(stack.traceService().url("/api/v1/evaluations/" + runId + "/traces?page_size=500"
                    + (token == null ? "" : "&page_token=" + token))).expect(200).json();
            long now = System.currentTimeMillis();
            for (JsonNode row : page.path("traces")) {
                for (JsonNode a : row.path("assessments")) {
                    JsonNode metadata = a.path("metadata");
                    if (metadata.has(MlflowKeys.JUDGE_COST)) {
                        seenAt.putIfAbsent(a.path("assessment_id").asText(), now);
                        judgeTrace.put(a.path("assessment_id").asText(), metadata.path(MlflowKeys.SCORER_TRACE_ID).asText());
                    }
                }
            }
            token = page.path("next_page_token").asText(null);
        } while (token != null && !token.isEmpty());
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
