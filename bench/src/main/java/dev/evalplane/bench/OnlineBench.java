package dev.evalplane.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.Ids;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.RealStack;

/**
 * Sustained OTLP/HTTP ingestion into trace-service ({@code POST /v1/traces}, traces of {@code --spans-per-trace}
 * spans at {@code --traces-per-second} for {@code --seconds}), once without online scoring and once with
 * {@code --scorers} judges started at {@code --sample-rate} against the fake provider answering after
 * {@code --latency-ms}, at most {@code --max-in-flight} OTLP requests at once. Reports the ingestion rate of both
 * phases (next to the offered rate) (spans stored per second, from the first request to
 * the last span of the phase's accepted requests stored; judge traces of the same experiment not counted) and their
 * ratio, and trace completion (the root span's end, set by this bench when it builds the request) to feedback stored
 * in trace-service (commit time of the feedback's row): p50/p99, split into stages
 * ({@link OnlineStages}). {@code --grace} is scorer-service's {@code evalplane.online.grace} (its default, 2s).
 */
final class OnlineBench {

    private static final String NAME = "online";
    private static final int TRACES_PER_REQUEST = 25;

    private static String achieved(Phase phase, int offeredSpans) {
        return String.format("%.0f spans/s stored (%.0f%% of offered; %d of %d requests failed)",
                phase.spansPerSecond(), 100.0 * phase.spansPerSecond() / offeredSpans, phase.failed(), phase.requests());
    }

    static void run(Options options, Report report) throws Exception {
        int tracesPerSecond = options.integer("traces-per-second", 500);
        int spansPerTrace = options.integer("spans-per-trace", 10);
        int seconds = options.integer("seconds", 120);
        double sampleRate = options.decimal("sample-rate", 0.1);
        int scorers = options.integer("scorers", 2);
        int latencyMs = options.integer("latency-ms", 200);
        int maxInFlight = options.integer("max-in-flight", 64);
        String grace = options.text("grace", "2s");
        long graceMs = grace.endsWith("ms") ? Long.parseLong(grace.substring(0, grace.length() - 2))
                : Math.round(Double.parseDouble(grace.substring(0, grace.length() - 1)) * 1000);
        try (FakeLlmProvider llm = FakeLlmProvider.start().latency(Duration.ofMillis(latencyMs));
                RealStack stack = RealStack.start(llm.providerEnvironment(), Map.of("evalplane.online.grace", grace));
                Sql sql = Sql.open()) {
            String otlp = stack.traceService().url("/v1/traces");
            report.line("load: %d traces/s of %d spans (%d spans/s) for %d s, OTLP/JSON requests of %d traces",
                    tracesPerSecond, spansPerTrace, tracesPerSecond * spansPerTrace, seconds, TRACES_PER_REQUEST);
            long tracePid = stack.traceService().pid();
            long costPid = stack.costService().pid();
            long scorerPid = stack.scorerService().pid();
            warmUp(stack, otlp, options, report, sql, scorers, sampleRate, tracesPerSecond, spansPerTrace,
                    maxInFlight);
            CpuMeter cpu = CpuMeter.create().role("trace-service", p -> p.pid() == tracePid)
                    .role("cost-service", p -> p.pid() == costPid)
                    .role("scorer-service", p -> p.pid() == scorerPid)
                    .role("PostgreSQL", p -> CpuMeter.executable(p, "postgres"))
                    .role("Kafka", CpuMeter::isBroker);
            CpuMeter jit = CpuMeter.create().compilerThreads("trace-service", tracePid)
                    .compilerThreads("cost-service", costPid).compilerThreads("scorer-service", scorerPid);
            StatementProfile statements = new StatementProfile(sql);

            statements.reset();
            Map<String, Double> cpuBefore = cpu.read();
            Map<String, Double> jitBefore = jit.read();
            Phase without = send(otlp, "online-off", "plain", tracesPerSecond, spansPerTrace, seconds, maxInFlight, sql,
                    report);
            report.line("without online scoring: %.0f spans/s stored", without.spansPerSecond());
            Map<String, Double> cpuWithoutAfter = cpu.read();
            String cpuWithout = CpuMeter.perItem(cpuBefore, cpuWithoutAfter, without.traces());
            String jitWithout = CpuMeter.perItem(jitBefore, jit.read(), without.traces());
            Map<String, Double> withoutPerTrace = perItem(cpuBefore, cpuWithoutAfter, without.traces());
            statements.print(report, 12, without.traces(), "trace sent");

            String experiment = "online-bench";
            List<String> configs = startJudges(stack, experiment, scorers, sampleRate);
            report.line("started %d judges at sample rate %s, provider latency %d ms", scorers, sampleRate, latencyMs);
            long sendStart = System.nanoTime();
            statements.reset();
            cpuBefore = cpu.read();
            jitBefore = jit.read();
            Map<Long, Map<String, Double>> threadsBefore = threads(tracePid, costPid, scorerPid);
            Phase with = send(otlp, experiment, "scored", tracesPerSecond, spansPerTrace, seconds, maxInFlight, sql,
                    report);
            report.line("with online scoring: %.0f spans/s stored", with.spansPerSecond());
            String cpuWithStored = CpuMeter.perItem(cpuBefore, cpu.read(), with.traces());

            String ofConfigs = ofConfigs(configs);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            awaitScored(sql, configs, deadline);
            long done = sql.number("SELECT count(*)" + ofConfigs + " AND status = 'DONE'");
            awaitFeedback(sql, configs, done, deadline);
            double drained = (System.nanoTime() - sendStart) / 1e9;
            Map<String, Double> cpuWithAfter = cpu.read();
            String cpuWith = CpuMeter.perItem(cpuBefore, cpuWithAfter, with.traces());
            String jitWith = CpuMeter.perItem(jitBefore, jit.read(), with.traces());
            Map<Long, Map<String, Double>> threadsAfter = threads(tracePid, costPid, scorerPid);
            List<OnlineStages.Claim> scored = OnlineStages.read(sql, configs, graceMs);
            long notDone = sql.number("SELECT count(*)" + ofConfigs + " AND status <> 'DONE'");
            Stats stats = Stats.ofMillis(scored.stream().map(OnlineStages.Claim::total).toList());
            report.line("%d traces scored and their feedback stored (%d of %d DONE claims without stored feedback, %d"
                    + " claims not DONE), all finished %.1f s after the scored phase began; %s", scored.size(),
                    done - scored.size(), done, notDone, drained, stats);
            String shape = tracesPerSecond + " traces/s x " + spansPerTrace + " spans offered, " + seconds + " s";
            int offeredSpans = tracesPerSecond * spansPerTrace;
            report.figure(NAME, "ingestion without online scoring (" + shape + ")", achieved(without, offeredSpans));
            report.figure(NAME, "ingestion with " + scorers + " judges at " + sampleRate, achieved(with, offeredSpans));
            report.ratio(NAME, "with / without", with.spansPerSecond(), without.spansPerSecond(),
                    "1.0 = online scoring costs ingestion nothing");
            if (without.spansPerSecond() < 0.9 * offeredSpans) {
                report.line("NOTE: the stack did not sustain the offered %d spans/s even without online scoring: both"
                        + " phases ran saturated; rerun with a lower --traces-per-second for the ratio at a rate the"
                        + " machine sustains", offeredSpans);
            }
            report.figure(NAME, "trace completion -> feedback stored in trace-service (" + latencyMs + " ms provider)",
                    String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms (n=%d, grace %s included)",
                            stats.p50(), stats.p95(), stats.p99(), stats.max(), stats.count(), grace));
            report.figure(NAME, "CPU per trace sent without online scoring (µs, phase until stored)", cpuWithout);
            report.figure(NAME, "CPU per trace sent with online scoring (µs, phase until stored)", cpuWithStored);
            report.figure(NAME, "CPU per trace sent with online scoring (µs, phase until every claim is scored and its"
                    + " feedback stored)", cpuWith);
            report.figure(NAME, "of which the services' JIT compiler threads (µs per trace sent; without, with until"
                    + " every feedback is stored)", "without: " + jitWithout + "; with: " + jitWith);
            if (done > 0) {
                report.figure(NAME, "online scoring's extra CPU per judged trace (claim DONE; with until every feedback"
                        + " is stored, less the phase without scoring at the same number of traces sent)",
                        extraPerClaim(cpuBefore, cpuWithAfter, withoutPerTrace, with.traces(), done));
                Map<String, Long> pids = Map.of("trace-service", tracePid, "cost-service", costPid, "scorer-service",
                        scorerPid);
                pids.forEach((service, pid) -> report.line("  %s CPU per judged trace by thread (µs, whole phase with"
                        + " scoring): %s", service, CpuMeter.topPerItem(threadsBefore.get(pid), threadsAfter.get(pid),
                        done, 8)));
                statements.print(report, 30, done, "judged trace");
            }
            OnlineStages.report(report, NAME, scored);
        }
    }

    /**
     * Warms the JVMs up on the whole path, scoring included, before either phase is measured (as `ingestion`, `otlp`
     * and `judges` do, {@link JitWarmUp}): judges started on an experiment of their own, sets of 3 s of the offered
     * load, each until every span is stored and every claim scored, until the services' JIT compiler threads use at
     * most {@code --warm-up-jit-share} of their CPU. Without it the two 120 s phases measure C2 compiling the
     * ingestion path (first phase) and the scoring path (second phase) as much as the code.
     */
    private static void warmUp(RealStack stack, String otlp, Options options, Report report, Sql sql, int scorers,
            double sampleRate, int tracesPerSecond, int spansPerTrace, int maxInFlight) throws Exception {
        List<String> configs = startJudges(stack, "online-warm-up", scorers, sampleRate);
        JitWarmUp.of("spans stored and their traces scored", JitWarmUp.services(stack)).run(options, report, set -> {
            Phase phase = send(otlp, "online-warm-up", "warm-up-" + set, tracesPerSecond, spansPerTrace, 3,
                    maxInFlight, sql, report);
            awaitScored(sql, configs, System.nanoTime() + Duration.ofMinutes(5).toNanos());
            return phase.spans();
        });
    }

    /** Registers {@code count} template judges on the experiment and starts each at the sample rate; their config ids. */
    private static List<String> startJudges(RealStack stack, String experiment, int count, double sampleRate) {
        String scorerUrl = stack.scorerService().url("/api/v1/experiments/" + experiment + "/scorers");
        List<String> configs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "judge_" + i;
            Http.postJson(scorerUrl, Map.of("name", name, "scorer", Map.of("judge", Map.of("name", name,
                    "instructions", "Is {{ outputs }} a helpful answer to {{ inputs }}? (" + i + ")",
                    "feedback_value_type", "yes/no")))).expect(201);
            configs.add(Http.postJson(scorerUrl + "/" + name + "/start", Map.of("sample_rate", sampleRate))
                    .expect(200).json().path("config_id").asText());
        }
        return configs;
    }

    private static String ofConfigs(List<String> configs) {
        return " FROM scoring.online_claims WHERE config_id = ANY(" + Sql.idArray(configs) + ")";
    }

    /** Waits until no claim of the configs is pending or being scored (or the deadline passed). */
    private static void awaitScored(Sql sql, List<String> configs, long deadline) throws Exception {
        while (sql.number("SELECT count(*)" + ofConfigs(configs) + " AND status IN ('PENDING', 'SCORING')") > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    /**
     * Waits until the feedback of {@code done} scored claims is stored in trace-service, counting feedback rows (the
     * stages' query, {@link OnlineStages#read}, is read once afterwards, outside the CPU readings).
     */
    private static void awaitFeedback(Sql sql, List<String> configs, long done, long deadline) throws Exception {
        String feedback = "SELECT count(DISTINCT (a.trace_id, a.source_run_id)) FROM traces.assessments a"
                + " WHERE a.assessment_type = 'FEEDBACK' AND a.source_run_id IN (SELECT DISTINCT 'online-' || config_id"
                + " || '-v' || scorer_version" + ofConfigs(configs) + ")";
        while (sql.number(feedback) < done && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }

    /** Seconds of CPU per item and role between two readings. */
    private static Map<String, Double> perItem(Map<String, Double> before, Map<String, Double> after, long items) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        after.forEach((role, seconds) -> out.put(role, (seconds - before.getOrDefault(role, 0.0)) / items));
        return out;
    }

    /**
     * What scoring added per judged trace: the phase with scoring (until drained) less what the phase without scoring
     * cost per trace sent, times the traces sent with scoring, over the claims scored (µs per role).
     */
    private static String extraPerClaim(Map<String, Double> before, Map<String, Double> after,
            Map<String, Double> withoutPerTrace, long traces, long claims) {
        StringBuilder text = new StringBuilder();
        double all = 0;
        for (String role : after.keySet()) {
            double extra = after.get(role) - before.getOrDefault(role, 0.0)
                    - withoutPerTrace.getOrDefault(role, 0.0) * traces;
            all += extra;
            text.append(String.format("%s %.0f, ", role, extra * 1e6 / claims));
        }
        return text.append(String.format("all %.0f µs", all * 1e6 / claims)).toString();
    }

    /** CPU seconds per thread name of each of these processes. */
    private static Map<Long, Map<String, Double>> threads(long... pids) {
        Map<Long, Map<String, Double>> out = new java.util.HashMap<>();
        for (long pid : pids) {
            out.put(pid, CpuMeter.threads(pid));
        }
        return out;
    }

    /** What one phase did: spans stored per second, traces sent per second, requests refused or timed out. */
    record Phase(double spansPerSecond, double tracesSentPerSecond, int requests, int failed, long spans,
            int spansPerTrace) {

        /** Traces of the accepted requests. */
        long traces() {
            return spans / spansPerTrace;
        }
    }

    /**
     * Sends {@code seconds} of traces at {@code tracesPerSecond} to {@code experiment}, at most {@code maxInFlight}
     * requests at once (when the door is slower the sender falls behind the offered rate, and the phase says so);
     * spans stored per second from the first request until trace-service stored the last span of the accepted
     * requests.
     */
    private static Phase send(String otlp, String experiment, String set, int tracesPerSecond, int spansPerTrace,
            int seconds, int maxInFlight, Sql sql, Report report) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String ofPhase = "SELECT count(*) FROM traces.spans s JOIN traces.traces t ON t.trace_id = s.trace_id"
                + " WHERE t.experiment_id = '" + experiment + "' AND NOT t.tags ? 'mlflow.trace.sourceScorer'";
        long before = sql.number(ofPhase);
        int requests = Math.max(1, tracesPerSecond * seconds / TRACES_PER_REQUEST);
        long interval = 1_000_000_000L * TRACES_PER_REQUEST / tracesPerSecond;
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger lastAccepted = new AtomicInteger(-1);
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        for (int r = 0; r < requests; r++) {
            long due = start + r * interval;
            long wait = (due - System.nanoTime()) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            String body = request(set, r, spansPerTrace);
            HttpRequest request = HttpRequest.newBuilder(URI.create(otlp)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("x-mlflow-experiment-id", experiment)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            inFlight.acquire();
            int index = r;
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
                if (response.statusCode() != 200) {
                    failed.incrementAndGet();
                } else {
                    lastAccepted.accumulateAndGet(index, Math::max);
                }
            }).exceptionally(e -> {
                failed.incrementAndGet();
                return null;
            }).whenComplete((ok, e) -> inFlight.release()));
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        long spans = (long) (requests - failed.get()) * TRACES_PER_REQUEST * spansPerTrace;
        long expected = before + spans;
        // completion is polled by the spans of the last accepted request (an index look-up), then confirmed by the
        // phase's exact count, which scans the experiment's spans and would otherwise take a large share of the
        // PostgreSQL CPU this benchmark measures (bench/RESULTS.md, online session 16)
        String lastStored = "SELECT count(*) FROM traces.spans WHERE trace_id = ANY("
                + Sql.idArray(traceIds(set, Math.max(0, lastAccepted.get()))) + ")";
        long lastSpans = lastAccepted.get() < 0 ? 0 : (long) TRACES_PER_REQUEST * spansPerTrace;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long storedAt = System.nanoTime();
        while (System.nanoTime() < deadline) {
            storedAt = System.nanoTime();
            if (sql.number(lastStored) >= lastSpans && sql.number(ofPhase) >= expected) {
                break;
            }
            Thread.sleep(250);
        }
        double stored = (storedAt - start) / 1e9;
        double sentRate = (double) requests * TRACES_PER_REQUEST / sendSeconds;
        report.line("  %s: %d requests (%d failed) sent in %.1f s (%.0f traces/s of %d offered), %d spans stored"
                + " after %.1f s", set, requests, failed.get(), sendSeconds, sentRate, tracesPerSecond, spans, stored);
        return new Phase(spans / stored, sentRate, requests, failed.get(), spans, spansPerTrace);
    }

    /** The trace ids of request {@code index} of a set, as trace-service stores them. */
    private static List<String> traceIds(String set, int index) {
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < TRACES_PER_REQUEST; t++) {
            ids.add(traceId(set, index, t));
        }
        return ids;
    }

    private static String traceId(String set, int index, int t) {
        return Ids.traceId("online-bench", set, String.valueOf(index), String.valueOf(t));
    }

    /** One OTLP/JSON request of {@link #TRACES_PER_REQUEST} traces: a CHAIN root with inputs and outputs, TOOL children. */
    static String request(String set, int index, int spansPerTrace) {
        ObjectNode root = EventJson.mapper().createObjectNode();
        ObjectNode resource = root.putArray("resourceSpans").addObject();
        resource.putObject("resource").putArray("attributes").addObject().put("key", "service.name")
                .putObject("value").put("stringValue", "bench-app");
        ObjectNode scope = resource.putArray("scopeSpans").addObject();
        scope.putObject("scope").put("name", "bench");
        ArrayNode spans = scope.putArray("spans");
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int t = 0; t < TRACES_PER_REQUEST; t++) {
            String traceHex = traceId(set, index, t).substring(3);
            String rootId = Ids.spanId(traceHex, "root");
            for (int s = 0; s < spansPerTrace; s++) {
                ObjectNode span = spans.addObject().put("traceId", traceHex)
                        .put("spanId", s == 0 ? rootId : Ids.spanId(traceHex, String.valueOf(s)))
                        .put("name", s == 0 ? "agent" : "tool-" + s)
                        .put("startTimeUnixNano", Long.toString(now - 50_000_000L + s * 1_000_000L))
                        .put("endTimeUnixNano", Long.toString(s == 0 ? now : now - 40_000_000L + s * 1_000_000L));
                if (s > 0) {
                    span.put("parentSpanId", rootId);
                }
                ArrayNode attributes = span.putArray("attributes");
                attribute(attributes, "mlflow.spanType", "\"" + (s == 0 ? "CHAIN" : "TOOL") + "\"");
                attribute(attributes, "mlflow.spanInputs", "{\"question\": \"question " + t + " of request " + index + "\"}");
                attribute(attributes, "mlflow.spanOutputs", "\"answer " + t + " of request " + index + "\"");
                span.putObject("status").put("code", "STATUS_CODE_OK");
            }
        }
        return root.toString();
    }

    private static void attribute(ArrayNode attributes, String key, String value) {
        attributes.addObject().put("key", key).putObject("value").put("stringValue", value);
    }

    private OnlineBench() {
    }
}
