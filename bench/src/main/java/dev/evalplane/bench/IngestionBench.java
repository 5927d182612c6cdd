package dev.evalplane.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.RealStack;

/**
 * Spans per second through the whole write path: {@code spans} topic -> cost-service (prices the LLM spans) and
 * trace-service (stores spans and traces, then the trace costs cost-service publishes) -> PostgreSQL. The clock
 * runs from the first record sent until trace-service has stored every span and cost-service has priced every LLM
 * span (counted in their schemas). Options: --spans (50000), --spans-per-trace (10), --llm-per-trace (2).
 */
final class IngestionBench {

    private static final String NAME = "ingestion";

    static void run(Options options, Report report) throws Exception {
        int perTrace = options.integer("spans-per-trace", 10);
        int llmPerTrace = options.integer("llm-per-trace", 2);
        int traces = options.integer("spans", 50_000) / perTrace;
        try (RealStack stack = RealStack.start(Map.of()); Sql sql = Sql.open(); Kafka kafka = new Kafka()) {
            report.line("warm-up: 2000 spans");
            List<SpanEvent> warm = spans("warm-up", 200, perTrace, llmPerTrace);
            Expected afterWarmUp = new Expected(0, 0, 0).plus(warm);
            long warmNanos = ingest(kafka, sql, warm, afterWarmUp, report);
            report.line("warm-up stored and priced in %.1f s", warmNanos / 1e9);

            List<SpanEvent> spans = spans("ingestion", traces, perTrace, llmPerTrace);
            long llm = spans.stream().filter(SpanEvent::hasUsage).count();
            report.line("measuring: %d spans of %d traces, %d LLM spans with usage", spans.size(), traces, llm);
            long nanos = ingest(kafka, sql, spans, afterWarmUp.plus(spans), report);
            double pipeline = spans.size() / (nanos / 1e9);
            report.figure(NAME, "spans stored and priced (" + spans.size() + " spans, " + llm + " LLM)",
                    String.format("%.0f spans/s (%.1f s)", pipeline, nanos / 1e9));

            long copyNanos = Baselines.copy(sql, spans);
            double copy = spans.size() / (copyNanos / 1e9);
            report.figure(NAME, "limit: PostgreSQL COPY of the same rows", String.format("%.0f spans/s", copy));
            List<String[]> records = spans.stream().map(s -> new String[] {s.traceId(), SyntheticTraces.json(s)}).toList();
            long kafkaNanos = Baselines.kafka(kafka, records);
            double raw = spans.size() / (kafkaNanos / 1e9);
            report.figure(NAME, "limit: Kafka produce+consume of the same records", String.format("%.0f records/s", raw));
            report.ratio(NAME, "pipeline / COPY", pipeline, copy, "1.0 = as fast as bulk-loading the rows");
            report.ratio(NAME, "pipeline / Kafka produce+consume", pipeline, raw, "1.0 = as fast as the broker");
        }
    }

    static List<SpanEvent> spans(String set, int traces, int perTrace, int llmPerTrace) {
        List<SpanEvent> spans = new ArrayList<>(traces * perTrace);
        for (int t = 0; t < traces; t++) {
            spans.addAll(SyntheticTraces.trace(set, t, perTrace, llmPerTrace));
        }
        return spans;
    }

    /** Rows each schema must hold once a set is through: spans, priced LLM spans, trace costs. */
    private record Expected(long spans, long priced, long traceCosts) {

        Expected plus(List<SpanEvent> set) {
            return new Expected(spans + set.size(), priced + set.stream().filter(SpanEvent::hasUsage).count(),
                    traceCosts + set.stream().filter(SpanEvent::hasUsage).map(SpanEvent::traceId).distinct().count());
        }
    }

    /**
     * Sends the spans and waits until all are stored and priced; returns the nanoseconds that took. Also prints when
     * trace-service had stored every trace's cost (the rest of the path, not part of the figure).
     */
    private static long ingest(Kafka kafka, Sql sql, List<SpanEvent> spans, Expected target, Report report)
            throws InterruptedException {
        List<String[]> records = spans.stream().map(s -> new String[] {s.traceId(), SyntheticTraces.json(s)}).toList();
        long start = System.nanoTime();
        for (String[] r : records) {
            kafka.send(Topics.SPANS, r[0], r[1]);
        }
        kafka.flush();
        long sent = System.nanoTime() - start;
        long[] at = new long[3];
        String[] counts = {"SELECT count(*) FROM traces.spans", "SELECT count(*) FROM costs.span_costs",
                "SELECT count(*) FROM traces.trace_costs"};
        long[] wanted = {target.spans(), target.priced(), target.traceCosts()};
        long deadline = start + 900_000_000_000L;
        while ((at[0] == 0 || at[1] == 0 || at[2] == 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            long now = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                if (at[i] == 0 && sql.countOrMinusOne(counts[i]) >= wanted[i]) {
                    at[i] = now;
                }
            }
        }
        if (at[0] == 0 || at[1] == 0 || at[2] == 0) {
            throw new IllegalStateException("not everything was stored and priced within 15 minutes");
        }
        report.line("  sent in %.1f s; all spans stored after %.1f s, all LLM spans priced after %.1f s,"
                + " all trace costs stored by trace-service after %.1f s", sent / 1e9, (at[0] - start) / 1e9,
                (at[1] - start) / 1e9, (at[2] - start) / 1e9);
        return Math.max(at[0], at[1]) - start;
    }

    private IngestionBench() {
    }
}
