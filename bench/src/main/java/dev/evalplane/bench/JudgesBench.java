package dev.evalplane.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.FakeLlmReply;
import dev.evalplane.testsupport.RealStack;

/**
 * Wall time of an evaluation of N rows x M judges against the fake provider answering after a fixed latency,
 * compared with the ideal N*M*latency/max_concurrency; then the same while a share of requests is answered 429
 * with Retry-After. Options: --rows (100), --judges (4), --latency-ms (200), --concurrency (16; the fake serves 64
 * requests at once), --storm-share (0.3), --retry-after (1 s), --warm-up-rows (as --rows: a first
 * run compiles more than it judges), and JitWarmUp's --warm-up-jit-share (0.1), --warm-up-sets (200) and
 * --warm-up-seconds (300).
 */
final class JudgesBench {

    private static final String NAME = "judges";

    static void run(Options options, Report report) throws Exception {
        int rows = options.integer("rows", 100);
        int judges = options.integer("judges", 4);
        int latency = options.integer("latency-ms", 200);
        int concurrency = options.integer("concurrency", 16);
        double share = options.decimal("storm-share", 0.3);
        int retryAfter = options.integer("retry-after", 1);
        try (FakeLlmProvider llm = FakeLlmProvider.start(); RealStack stack = RealStack.start(llm);
                Sql sql = Sql.open()) {
            llm.latency(Duration.ofMillis(latency));
            ProviderTimeline timeline = new ProviderTimeline();
            llm.respondWith(timeline.recording(request -> FakeLlmReply.verdict("yes",
                    "The response satisfies the criteria.")));
            // the services run with the full JIT: a first run of this size spends much of its CPU compiling (C2 in three
            // services at once on the machine's cores), so the figures are taken after warm-up runs of the same size,
            // until the compiler threads use at most --warm-up-jit-share of the services' CPU (JitWarmUp, as `ingestion`)
            CpuMeter cpu = cpuMeter(stack);
            Map<String, Long> services = JitWarmUp.services(stack);
            JitWarmUp warmUp = JitWarmUp.of("judgements", services);
            CpuMeter jit = warmUp.compilers();
            int warmUpRows = options.integer("warm-up-rows", rows);
            warmUp.run(options, report, set -> {
                Judging.run(stack, "warm-up " + set, warmUpRows, judges, concurrency);
                return (long) warmUpRows * judges;
            });

            double ideal = rows * judges * latency / 1000.0 / concurrency;
            String shape = rows + " rows x " + judges + " judges, " + latency + " ms, concurrency " + concurrency;
            long floor = ProviderFloor.wallNanos(llm, rows * judges, concurrency);
            report.figure(NAME, "limit: a plain client keeping " + concurrency + " requests at the fake",
                    String.format("%.1f s for %d requests (ideal %.1f s): %.3f x the ideal", floor / 1e9,
                            rows * judges, ideal, floor / 1e9 / ideal));
            // what the processes burn with no run (pollers, heartbeats, consumers' empty polls): part of every run's
            // CPU figure, in proportion to its wall time
            Map<String, Double> idleBefore = cpu.read();
            Map<String, Map<String, Double>> idleThreadsBefore = CpuMeter.threads(services);
            Thread.sleep(5_000);
            Map<String, Double> idleAfter = cpu.read();
            Map<String, Map<String, Double>> idleThreadsAfter = CpuMeter.threads(services);
            double idlePerSecond = total(idleBefore, idleAfter) / 5.0;
            int before = llm.requests().size();
            timeline.clear();
            Map<String, Double> cpuBefore = cpu.read();
            Map<String, Double> jitBefore = jit.read();
            Map<String, Map<String, Double>> threadsBefore = CpuMeter.threads(services);
            StatementProfile statements = new StatementProfile(sql);
            statements.reset();
            Judging.Finished calm = Judging.run(stack, "calm", rows, judges, concurrency);
            Map<String, Double> cpuAfter = cpu.read();
            Map<String, Double> jitAfter = jit.read();
            Map<String, Map<String, Double>> threadsAfter = CpuMeter.threads(services);
            figures(report, "no errors, " + shape, calm, ideal, llm.requests().size() - before, 0);
            report.figure(NAME, "CPU per judgement (µs), no errors", CpuMeter.perItem(cpuBefore, cpuAfter,
                    (long) rows * judges));
            report.figure(NAME, "  of which the services' JIT compiler threads (µs), no errors",
                    CpuMeter.perItem(jitBefore, jitAfter, (long) rows * judges));
            threadsAfter.forEach((service, after) -> report.line("  %s's threads, CPU per judgement (µs): %s", service,
                    CpuMeter.topPerItem(threadsBefore.get(service), after, (long) rows * judges, 8)));
            statements.print(report, 25);
            report.figure(NAME, "limit: the pipeline's CPU over the machine's cores, no errors",
                    cpuFloor(cpuBefore, cpuAfter, ideal));
            report.figure(NAME, "  of which idle background (measured 5 s with no run)", String.format(
                    "%.0f ms of CPU per second: %.1f s over this run's wall time (per second: %s)",
                    idlePerSecond * 1000, idlePerSecond * calm.wallNanos() / 1e9,
                    CpuMeter.perItem(idleBefore, idleAfter, 5)));
            idleThreadsAfter.forEach((service, after) -> report.line("  %s's threads idle, CPU per second (µs): %s",
                    service, CpuMeter.topPerItem(idleThreadsBefore.get(service), after, 5, 5)));
            report.ratio(NAME, "wall / the plain client's wall, no errors, " + shape, calm.wallNanos(), floor,
                    "1.0 = scorer-service adds nothing to what the fake and the machine allow");
            report.figure(NAME, "where the time went, no errors", timeline.split(calm.startNanos(),
                    calm.startNanos() + calm.wallNanos(), latency * 1_000_000L, concurrency));

            AtomicInteger limited = new AtomicInteger();
            llm.respondWith(timeline.recording(request -> {
                if (ThreadLocalRandom.current().nextDouble() < share) {
                    limited.incrementAndGet();
                    return FakeLlmReply.rateLimited(retryAfter);
                }
                return FakeLlmReply.verdict("yes", "The response satisfies the criteria.");
            }));
            before = llm.requests().size();
            timeline.clear();
            cpuBefore = cpu.read();
            jitBefore = jit.read();
            Judging.Finished storm = Judging.run(stack, "storm", rows, judges, concurrency);
            cpuAfter = cpu.read();
            jitAfter = jit.read();
            String what = String.format("%.0f%% answered 429 (Retry-After %d s), %s", share * 100, retryAfter, shape);
            figures(report, what, storm, ideal, llm.requests().size() - before, limited.get());
            report.figure(NAME, "CPU per judgement (µs), " + what, CpuMeter.perItem(cpuBefore, cpuAfter,
                    (long) rows * judges));
            report.figure(NAME, "  of which the services' JIT compiler threads (µs), " + what,
                    CpuMeter.perItem(jitBefore, jitAfter, (long) rows * judges));
            report.figure(NAME, "where the time went, " + what, timeline.split(storm.startNanos(),
                    storm.startNanos() + storm.wallNanos(), latency * 1_000_000L, concurrency));
            // each judgement takes 1/(1-share) attempts on average, each waits the latency, each 429 then Retry-After
            double attempts = 1 / (1 - share);
            double honouring = rows * judges * (attempts * latency / 1000.0 + (attempts - 1) * retryAfter) / concurrency;
            report.ratio(NAME, "wall / ideal that honours Retry-After at full concurrency ("
                    + String.format("%.1f s", honouring) + "), " + what, storm.wallNanos() / 1e9, honouring,
                    "1.0 = no slowdown beyond the provider's own");
        }
    }

    /**
     * The wall time the CPU the services, PostgreSQL and Kafka used during a run needs at least on this machine's
     * cores (all of them, nothing else running): when it is above the ideal, the ideal cannot be reached here.
     */
    private static String cpuFloor(Map<String, Double> before, Map<String, Double> after, double ideal) {
        double seconds = total(before, after);
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format("%.1f s of CPU / %d cores = %.1f s (ideal %.1f s): %.3f x the ideal", seconds, cores,
                seconds / cores, ideal, seconds / cores / ideal);
    }

    /** CPU seconds of all roles between two readings. */
    private static double total(Map<String, Double> before, Map<String, Double> after) {
        double seconds = 0;
        for (String role : after.keySet()) {
            seconds += after.get(role) - before.getOrDefault(role, 0.0);
        }
        return seconds;
    }

    /** CPU of the processes a judgement goes through (the fake provider lives in this JVM and is not counted). */
    private static CpuMeter cpuMeter(RealStack stack) {
        long scorer = stack.scorerService().pid();
        long trace = stack.traceService().pid();
        long cost = stack.costService().pid();
        return CpuMeter.create().role("scorer-service", p -> p.pid() == scorer)
                .role("trace-service", p -> p.pid() == trace).role("cost-service", p -> p.pid() == cost)
                .role("PostgreSQL", p -> CpuMeter.executable(p, "postgres"))
                .role("Kafka", CpuMeter::isBroker);
    }

    private static void figures(Report report, String what, Judging.Finished finished, double ideal, int requests,
            int limited) {
        JsonNode run = finished.run();
        double wall = finished.wallNanos() / 1e9;
        report.figure(NAME, "wall time, " + what, String.format("%.1f s (ideal %.1f s); status %s; %d requests, %d"
                + " answered 429; %d of %d judgements failed", wall, ideal, run.path("status").asText(), requests,
                limited, run.path("judge_calls_failed").asInt(), run.path("judge_calls").asInt()));
        report.ratio(NAME, "wall / ideal, " + what, wall, ideal, "1.0 = ideal");
    }

    private JudgesBench() {
    }
}
