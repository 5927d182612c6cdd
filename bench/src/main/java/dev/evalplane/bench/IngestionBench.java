package dev.evalplane.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.RecordMetadata;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.StoredWait.Expected;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.RealStack;

/**
 * Spans per second through the whole write path: {@code spans} topic -> cost-service (prices the LLM spans) and
 * trace-service (stores spans and traces, then the trace costs cost-service publishes) -> PostgreSQL. The clock
 * runs from the first record sent until trace-service has stored every span and cost-service has priced every LLM
 * span (counted in their schemas). Each round sends new traces; the figures are medians over the rounds (the
 * machine is shared). Options: --spans (50000 per round), --rounds (3), --spans-per-trace (10), --llm-per-trace (2), --warm-up-spans
 * (5000 a set, until the JIT is steady), --warm-up-round-sets (at most 4 sets of a round's size after those).
 */
final class IngestionBench {

    private static final String NAME = "ingestion";

    /** One warm-up set: the named set of traces sent, stored, priced and checked; returns its spans. */
    private interface WarmUpSet {
        long run(String name, int traces) throws Exception;
    }

    static void run(Options options, Report report) throws Exception {
        int perTrace = options.integer("spans-per-trace", 10);
        int llmPerTrace = options.integer("llm-per-trace", 2);
        int traces = options.integer("spans", 50_000) / perTrace;
        int rounds = options.integer("rounds", 3);
        try (RealStack stack = RealStack.start(Map.of()); Sql sql = Sql.open(); Kafka kafka = new Kafka()) {
            long tracePid = stack.traceService().pid();
            long costPid = stack.costService().pid();
            long scorerPid = stack.scorerService().pid();
            // the broker is warmed up with the services (it runs C2 as a deployed one does) and read per thread beside
            // them (request handlers, network threads); scorer-service too: its online consumer reads every stored
            // trace's announcement, and its CPU is counted below
            Map<String, Long> jvms = JitWarmUp.pids(Map.entry("trace-service", tracePid), Map.entry("cost-service", costPid),
                    Map.entry("scorer-service", scorerPid), Map.entry("Kafka", CpuMeter.broker()));
            CpuMeter cpu = CpuMeter.create().role("trace-service", p -> p.pid() == tracePid)
                    .role("cost-service", p -> p.pid() == costPid)
                    .role("PostgreSQL", p -> CpuMeter.executable(p, "postgres"))
                    .role("Kafka", CpuMeter::isBroker)
                    // its online consumer reads every stored trace's announcement (traces-stored)
                    .role("scorer-service", p -> p.pid() == scorerPid);
            JitWarmUp warmUp = JitWarmUp.of("spans stored and priced", jvms);
            CpuMeter jit = warmUp.compilers();
            int warmUpTraces = Math.max(1, options.integer("warm-up-spans", 5000) / perTrace);
            Expected[] warmedUp = {Expected.NONE};
            // each set is checked as a round is: the check asks cost-service's price API, and a first HTTP request
            // after sets that only consumed deoptimised cost-service's compiled Netty, Jackson, ArC and pricing code
            // (type profiles without the HTTP path), which C2 then compiled again inside the next round
            WarmUpSet warmUpSet = (name, setTraces) -> {
                List<SpanEvent> warm = spans(name, setTraces, perTrace, llmPerTrace);
                warmedUp[0] = warmedUp[0].plus(warm);
                ingest(kafka, sql, warm, warmedUp[0], report);
                checkExact(stack, sql, name, setTraces, perTrace, llmPerTrace, report);
                return warm.size();
            };
            warmUp.run(options, report, set -> warmUpSet.run("warm-up-" + set, warmUpTraces));
            // then sets of a round's size: a 50 000-span backlog is polled in full 2000-record batches that the
            // small sets never fill (larger fetches, Netty's composite buffers, the batch paths' loops), and without
            // this C2 compiled that code inside the measured rounds (bench/RESULTS.md, the JIT in the rounds)
            // the limits are measured after each round in the same broker and database: a fresh topic, its consumer
            // group and a COPY are paths of their own, which left alone C2 compiled (and the broker's compiled code
            // deoptimised) inside the next round; so each round-sized set measures them too, and discards them
            warmUp.run(options.integer("warm-up-round-sets", 4), options, report, set -> {
                long sent = warmUpSet.run("warm-up-round-" + set, traces);
                List<SpanEvent> limitSpans = spans("warm-up-limits-" + set, traces, perTrace, llmPerTrace);
                limits(sql, limitSpans);
                return sent;
            });
            Expected afterWarmUp = warmedUp[0];
            List<String> cpuPerSpan = new ArrayList<>();
            List<String> jitPerSpan = new ArrayList<>();
            List<String> compiled = new ArrayList<>();
            StatementProfile statements = new StatementProfile(sql);
            statements.reset();

            Expected stored = afterWarmUp;
            List<Double> pipeline = new ArrayList<>();
            List<Double> copy = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                List<SpanEvent> spans = spans("ingestion-" + round, traces, perTrace, llmPerTrace);
                report.line("round %d of %d: %d spans of %d traces, %d LLM spans with usage", round, rounds,
                        spans.size(), traces, spans.stream().filter(SpanEvent::hasUsage).count());
                report.line("  before it: %d spans stored; %s", stored.spans(), databaseSize(sql));
                stored = stored.plus(spans);
                Map<String, Double> cpuBefore = cpu.read();
                Map<String, Double> jitBefore = jit.read();
                Map<String, Map<String, Double>> threadsBefore = CpuMeter.threads(jvms);
                Map<String, Double> postgresBefore = CpuMeter.postgresProcesses();
                pipeline.add(spans.size() / (ingest(kafka, sql, spans, stored, report) / 1e9));
                Map<String, Double> cpuAfter = cpu.read();
                Map<String, Double> jitAfter = jit.read();
                Map<String, Map<String, Double>> threadsAfter = CpuMeter.threads(jvms);
                Map<String, Double> postgresAfter = CpuMeter.postgresProcesses();
                cpuPerSpan.add(CpuMeter.perItem(cpuBefore, cpuAfter, spans.size()));
                jitPerSpan.add(CpuMeter.perItem(jitBefore, jitAfter, spans.size()));
                compiled.add(withoutCompiler(cpuBefore, cpuAfter, jitBefore, jitAfter, spans.size()));
                report.line("  CPU per span (µs): %s; of which JIT compiler threads: %s; without them: %s",
                        cpuPerSpan.get(round - 1), jitPerSpan.get(round - 1), compiled.get(round - 1));
                threadsAfter.forEach((jvm, threads) -> report.line("  %s's threads, CPU per span (µs): %s", jvm,
                        CpuMeter.topPerItem(threadsBefore.get(jvm), threads, spans.size(), 10)));
                report.line("  PostgreSQL's processes, CPU per span (µs): %s",
                        CpuMeter.topPerItem(postgresBefore, postgresAfter, spans.size(), 10));
                checkExact(stack, sql, "ingestion-" + round, traces, perTrace, llmPerTrace, report);
                double[] limit = limits(sql, spans);
                copy.add(limit[0]);
                raw.add(limit[1]);
                report.line("  pipeline %.0f spans/s, COPY %.0f spans/s, Kafka %.0f records/s", pipeline.get(round - 1),
                        copy.get(round - 1), raw.get(round - 1));
            }
            statements.print(report, 15);
            String shape = traces * perTrace + " spans, " + traces * llmPerTrace + " LLM, median of " + rounds;
            report.figure(NAME, "spans stored and priced (" + shape + ")", perSecond(pipeline, "spans/s"));
            report.figure(NAME, "limit: PostgreSQL COPY of the same rows", perSecond(copy, "spans/s"));
            report.figure(NAME, "limit: Kafka produce+consume of the same records", perSecond(raw, "records/s"));
            report.ratio(NAME, "pipeline / COPY", median(pipeline), median(copy), "1.0 = as fast as bulk-loading the rows");
            report.ratio(NAME, "pipeline / Kafka produce+consume", median(pipeline), median(raw),
                    "1.0 = as fast as the broker");
            report.figure(NAME, "CPU per span stored and priced, per process (µs; rounds)", String.join(" / ", cpuPerSpan));
            report.figure(NAME, "of which the JIT compiler threads, the services' and the broker's (µs; rounds)", String.join(" / ", jitPerSpan));
            report.figure(NAME, "CPU per span without the compiler threads (µs; rounds: compiled code only)",
                    String.join(" / ", compiled));
            report.figure(NAME, "peak RSS (VmHWM) trace-service / cost-service / scorer-service, -Xmx384m",
                    String.format("%d / %d / %d MiB", ServiceMemory.peakRssMib(stack.traceService()),
                            ServiceMemory.peakRssMib(stack.costService()), ServiceMemory.peakRssMib(stack.scorerService())));
        }
    }

    /** The limits of these spans: PostgreSQL COPY of the rows (spans/s), then Kafka produce + consume (records/s). */
    private static double[] limits(Sql sql, List<SpanEvent> spans) throws InterruptedException {
        double copy = spans.size() / (Baselines.copy(sql, spans) / 1e9);
        List<String[]> records = spans.stream().map(s -> new String[] {s.traceId(), SyntheticTraces.json(s)}).toList();
        return new double[] {copy, spans.size() / (Baselines.kafka(records) / 1e9)};
    }

    /** CPU per span of every process, the JIT compiler threads (services', broker's) taken out (what compiled code costs). */
    private static String withoutCompiler(Map<String, Double> cpuBefore, Map<String, Double> cpuAfter,
            Map<String, Double> jitBefore, Map<String, Double> jitAfter, long spans) {
        Map<String, Double> before = new LinkedHashMap<>(cpuBefore);
        Map<String, Double> after = new LinkedHashMap<>(cpuAfter);
        for (String service : jitAfter.keySet()) {
            before.merge(service, -jitBefore.getOrDefault(service, 0.0), Double::sum);
            after.merge(service, -jitAfter.get(service), Double::sum);
        }
        return CpuMeter.perItem(before, after, spans);
    }

    /**
     * The services' tables and indexes: PostgreSQL's CPU per span grows with them (39-41 µs a span with 1 million spans
     * stored, 53-67 with 2.5 million, bench/RESULTS.md, session 23), so runs that stored different amounts before their
     * rounds are compared with this.
     */
    private static String databaseSize(Sql sql) {
        String[] size = sql.rows("SELECT coalesce(sum(pg_total_relation_size(c.oid)) FILTER (WHERE c.relkind = 'r'), 0)::bigint"
                + " >> 20, coalesce(sum(pg_relation_size(c.oid)) FILTER (WHERE c.relkind = 'i'), 0)::bigint >> 20,"
                + " current_setting('shared_buffers') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname IN ('traces', 'costs')").get(0);
        return String.format("trace-service's and cost-service's tables %s MiB, of which indexes %s MiB;"
                + " shared_buffers %s", size[0], size[1], size[2]);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String perSecond(List<Double> values, String unit) {
        return String.format("%.0f %s (rounds: %s)", median(values), unit,
                String.join(", ", values.stream().map(v -> String.format("%.0f", v)).toList()));
    }

    static List<SpanEvent> spans(String set, int traces, int perTrace, int llmPerTrace) {
        List<SpanEvent> spans = new ArrayList<>(traces * perTrace);
        for (int t = 0; t < traces; t++) {
            spans.addAll(SyntheticTraces.trace(set, t, perTrace, llmPerTrace));
        }
        return spans;
    }

    /**
     * Sends the spans and waits until all are stored and priced ({@link StoredWait}: the producer's sends reach each
     * partition in order); returns the nanoseconds that took. Also prints when trace-service had stored every trace's
     * cost (the rest of the path, not part of the figure).
     */
    private static long ingest(Kafka kafka, Sql sql, List<SpanEvent> spans, Expected target, Report report)
            throws Exception {
        List<String[]> records = spans.stream().map(s -> new String[] {s.traceId(), SyntheticTraces.json(s)}).toList();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        long start = System.nanoTime();
        for (String[] r : records) {
            acks.add(kafka.send(Topics.SPANS, r[0], r[1]));
        }
        kafka.flush();
        long sent = System.nanoTime() - start;
        Map<SpanEvent, Integer> partitions = new IdentityHashMap<>();
        for (int i = 0; i < spans.size(); i++) {
            partitions.put(spans.get(i), acks.get(i).get().partition());
        }
        StoredWait.Reached at = new StoredWait(List.of(spans), partitions::get).await(sql, target, start, report);
        report.line("  sent in %.1f s; all spans stored after %.1f s, all LLM spans priced after %.1f s,"
                + " all trace costs stored by trace-service after %.1f s", sent / 1e9, (at.spans() - start) / 1e9,
                (at.priced() - start) / 1e9, (at.traceCosts() - start) / 1e9);
        return Math.max(at.spans(), at.priced()) - start;
    }

    /**
     * After a round (not timed): every span of the set stored once, and each trace's stored cost exactly its LLM
     * spans' usage priced at the rates cost-service's price API gives for the model; throws on any difference.
     */
    private static void checkExact(RealStack stack, Sql sql, String set, int traces, int perTrace, int llmPerTrace,
            Report report) {
        JsonNode rates = Http.get(stack.costService().url("/api/v1/prices?model=" + SyntheticTraces.MODEL)).expect(200)
                .json().path("rates");
        BigDecimal inputRate = new BigDecimal(rates.path("input_cost_per_token").asText());
        BigDecimal outputRate = new BigDecimal(rates.path("output_cost_per_token").asText());
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < traces; t++) {
            ids.add(SyntheticTraces.traceId(set, t));
        }
        long spansStored = sql.number("SELECT count(*) FROM traces.spans WHERE trace_id = ANY(" + Sql.idArray(ids) + ")");
        Map<String, String[]> costs = new HashMap<>();
        for (String[] row : sql.rows("SELECT trace_id, input_tokens, output_tokens, total_cost::text, cost_status"
                + " FROM traces.trace_costs WHERE trace_id = ANY(" + Sql.idArray(ids) + ")")) {
            costs.put(row[0], row);
        }
        int exact = 0;
        for (int t = 0; t < traces; t++) {
            long in = 0;
            long out = 0;
            for (int s = 1; s <= llmPerTrace; s++) {
                in += SyntheticTraces.inputTokens(t, s);
                out += SyntheticTraces.outputTokens(t, s);
            }
            BigDecimal cost = inputRate.multiply(BigDecimal.valueOf(in)).add(outputRate.multiply(BigDecimal.valueOf(out)));
            String[] row = costs.get(ids.get(t));
            if (row != null && Long.parseLong(row[1]) == in && Long.parseLong(row[2]) == out && row[3] != null
                    && new BigDecimal(row[3]).compareTo(cost) == 0 && "PRICED".equals(row[4])) {
                exact++;
            }
        }
        if (spansStored != (long) traces * perTrace || exact != traces) {
            throw new IllegalStateException(String.format("set %s: %d of %d spans stored, %d of %d trace costs exact",
                    set, spansStored, traces * perTrace, exact, traces));
        }
        report.line("  checked: %d spans stored once, %d trace costs exact (usage x the price API's rates)", spansStored,
                exact);
    }

    private IngestionBench() {
    }
}
