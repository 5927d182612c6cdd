package dev.evalplane.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;


import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.StoredWait.Expected;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.testsupport.LocalPostgres;
import dev.evalplane.testsupport.MlflowPython;
import dev.evalplane.testsupport.RealStack;
import dev.evalplane.testsupport.ServiceProcess;

/**
 * OTLP ingestion from outside: the ingestion benchmark's spans as OTLP protobuf ({@code POST /v1/traces},
 * {@code --spans-per-request} spans each) sent by {@code --clients} concurrent clients through the gateway
 * (authentication on) to the packaged services. Accepted = every request answered 200 (trace-service answers after
 * Kafka acknowledged the spans); stored = every span in trace-service's {@code traces.spans} and every LLM span
 * priced in {@code costs.span_costs}. Then the newest 100 traces of the experiment ({@code POST
 * /api/3.0/mlflow/traces/search}, {@code max_results=100}, newest first), {@code --searches} times.
 *
 * <p>{@code otlp}: evalplane alone, next to PostgreSQL COPY of the same rows. {@code peer}: the same load and
 * searches against {@code mlflow server} of the pinned MLflow version on SQLite and on PostgreSQL (which store the
 * spans before answering, so accepted = stored there), all in the same run; ratios of stored spans/s and of search
 * latency. Options: --spans (50000 in both: {@code peer} runs {@code otlp}'s load; 20000 in {@code peer} until session
 * 24), --spans-per-request (1000), --clients (4), --searches (20), --search-warm-up (200), --backends (peer:
 * evalplane,mlflow-sqlite,mlflow-postgresql).
 *
 * <p>Before the timed load, evalplane's JVMs are warmed up with sets of {@code --warm-up-spans} (5000) OTLP spans
 * through the same path ({@link JitWarmUp}: until the JIT compiler threads use at most {@code --warm-up-jit-share}
 * (0.1) of the gateway's and services' CPU, at most {@code --warm-up-sets} (200) sets and {@code --warm-up-seconds}
 * (300)), as the ingestion benchmark does; the compiler threads' CPU per span during the timed load is printed. mlflow server (no JIT) gets one set.
 */
final class OtlpBench {

    private static final String TOKEN = "bench-token";
    private static final int PER_TRACE = 10;
    private static final int LLM_PER_TRACE = 2;
    /** How long the processes' idle CPU is measured before the timed load. */
    private static final long IDLE_NANOS = 5_000_000_000L;

    /** One backend's figures. */
    record Result(double acceptedPerSecond, double storedPerSecond, Searches searches, String cpuPerSpan,
            double cpuMicrosPerSpan) {
    }

    /**
     * Newest-100 search latency p50 right after the load (the first searches a fresh server answers) and after
     * {@code --search-warm-up} more (a server that has been answering for a while), and the CPU per warm search.
     */
    record Searches(double firstP50Ms, double warmP50Ms, String cpuPerSearch) {
    }

    static void run(Options options, Report report, boolean peer) throws Exception {
        String name = peer ? "peer" : "otlp";
        int traces = options.integer("spans", 50_000) / PER_TRACE;
        int perRequest = options.integer("spans-per-request", 1000);
        int clients = options.integer("clients", 4);
        int searches = options.integer("searches", 20);
        int searchWarmUp = options.integer("search-warm-up", 200);
        List<String> backends = peer ? List.of(options.text("backends", "evalplane,mlflow-sqlite,mlflow-postgresql")
                .split(",")) : List.of("evalplane");
        List<SpanEvent> spans = IngestionBench.spans("otlp", traces, PER_TRACE, LLM_PER_TRACE);
        Load load = new Load(options.integer("warm-up-spans", 5000) / PER_TRACE, perRequest,
                Requests.of(spans, perRequest), clients, searches, searchWarmUp);
        report.line("load: %d spans (%d traces of %d, %d LLM spans) in %d OTLP protobuf requests of %d spans, %d"
                + " clients; %d searches of the newest 100", spans.size(), traces, PER_TRACE, load.llmSpans(),
                load.timed().bodies().size(), perRequest, clients, searches);
        Map<String, Result> results = new LinkedHashMap<>();
        Path work = Files.createTempDirectory("otlp-bench");
        for (String backend : backends) {
            report.line("-- %s", backend.trim());
            Result result;
            try {
                result = switch (backend.trim()) {
                    case "evalplane" -> evalplane(load, options, report);
                    case "mlflow-sqlite" -> mlflow(load, report, "sqlite:///" + work.resolve("mlflow.db"), work, "sqlite");
                    case "mlflow-postgresql" -> mlflowPostgres(load, report, work);
                    default -> throw new IllegalArgumentException("unknown backend " + backend);
                };
            } catch (ExecutionException e) {
                if (backend.trim().equals("evalplane")) {
                    throw e;
                }
                // an MLflow leg that cannot take the load (seen: SQLite "database is locked" with 4 concurrent
                // exports on a loaded machine, the export timing out) is a result, and the other legs still run
                report.figure(name, backend.trim() + ": failed", String.valueOf(e.getCause()));
                continue;
            }
            results.put(backend.trim(), result);
            report.figure(name, backend.trim() + ": spans accepted", String.format("%.0f spans/s", result.acceptedPerSecond()));
            report.figure(name, backend.trim() + ": spans stored" + (backend.trim().equals("evalplane") ? " and priced" : ""),
                    String.format("%.0f spans/s", result.storedPerSecond()));
            report.figure(name, backend.trim() + ": newest 100 traces, p50 of the first " + searches,
                    String.format("%.1f ms", result.searches().firstP50Ms()));
            report.figure(name, backend.trim() + ": newest 100 traces, p50 after " + searchWarmUp + " more",
                    String.format("%.1f ms", result.searches().warmP50Ms()));
            report.figure(name, backend.trim() + ": CPU per warm search (µs)", result.searches().cpuPerSearch());
            report.figure(name, backend.trim() + ": CPU per span stored (µs)", result.cpuPerSpan());
        }
        Result ours = results.get("evalplane");
        if (!peer) {
            try (Sql sql = Sql.open()) {
                double copy = spans.size() / (Baselines.copy(sql, spans) / 1e9);
                report.figure(name, "limit: PostgreSQL COPY of the same rows", String.format("%.0f spans/s", copy));
                report.ratio(name, "stored and priced / COPY", ours.storedPerSecond(), copy,
                        "1.0 = as fast as bulk-loading the rows");
            }
        }
        for (Map.Entry<String, Result> other : results.entrySet()) {
            if (ours != null && !other.getKey().equals("evalplane")) {
                report.ratio(name, "stored spans/s, evalplane / " + other.getKey(), ours.storedPerSecond(),
                        other.getValue().storedPerSecond(), "> 1: evalplane stores faster");
                report.ratio(name, "CPU per span stored (all processes), " + other.getKey() + " / evalplane",
                        other.getValue().cpuMicrosPerSpan(), ours.cpuMicrosPerSpan(),
                        "> 1: evalplane needs less CPU per span; the stored ratio a machine of idle cores would give");
                report.ratio(name, "newest-100 search p50 (first), " + other.getKey() + " / evalplane",
                        other.getValue().searches().firstP50Ms(), ours.searches().firstP50Ms(),
                        "> 1: evalplane answers faster");
                report.ratio(name, "newest-100 search p50 (warm), " + other.getKey() + " / evalplane",
                        other.getValue().searches().warmP50Ms(), ours.searches().warmP50Ms(),
                        "> 1: evalplane answers faster");
            }
        }
    }

    /** Spans as OTLP protobuf requests of {@code perRequest} spans: the bodies sent and the spans of each, in order. */
    record Requests(List<SpanEvent> spans, int perRequest, List<byte[]> bodies) {

        static Requests of(List<SpanEvent> spans, int perRequest) {
            return new Requests(spans, perRequest, OtlpRequests.of(spans, perRequest));
        }

        /**
         * Waits for these spans by the last of each request in each partition: trace-service publishes a request's
         * spans in their order (keyed by trace id, the default partitioner), so they reach each partition in it.
         */
        StoredWait storedWait() {
            List<List<SpanEvent>> requests = new ArrayList<>();
            for (int from = 0; from < spans.size(); from += perRequest) {
                requests.add(spans.subList(from, Math.min(spans.size(), from + perRequest)));
            }
            Map<String, Integer> partitions = new HashMap<>();
            return new StoredWait(requests, span -> partitions.computeIfAbsent(span.traceId(), Kafka::spansPartition));
        }
    }

    /** What every backend gets: warm-up sets, the timed requests, and how to check the result. */
    record Load(int warmUpTraces, int perRequest, Requests timed, int clients, int searches, int searchWarmUp) {

        /** Warm-up set {@code n} (from 1): new traces each time, as OTLP requests. */
        Requests warmUp(int n) {
            return Requests.of(IngestionBench.spans("otlp-warm-up-" + n, warmUpTraces, PER_TRACE, LLM_PER_TRACE),
                    perRequest);
        }

        List<byte[]> requests() {
            return timed.bodies();
        }

        long spans() {
            return timed.spans().size();
        }

        long llmSpans() {
            return timed.spans().stream().filter(SpanEvent::hasUsage).count();
        }
    }

    private static Result evalplane(Load load, Options options, Report report) throws Exception {
        try (RealStack stack = RealStack.start(Map.of()); ServiceProcess gateway = stack.startGateway(Map.of(
                "evalplane.auth.enabled", "true", "evalplane.auth.tokens", TOKEN)); Sql sql = Sql.open()) {
            Target target = new Target(gateway.url(""), TOKEN);
            String experiment = target.createExperiment();
            long gatewayPid = gateway.pid();
            long tracePid = stack.traceService().pid();
            long costPid = stack.costService().pid();
            long scorerPid = stack.scorerService().pid();
            // the broker is warmed up with the services: it runs C2 as a deployed one does; scorer-service too: its
            // online consumer reads every stored trace's announcement, and its CPU is counted below
            Map<String, Long> jvms = JitWarmUp.pids(Map.entry("gateway", gatewayPid),
                    Map.entry("trace-service", tracePid), Map.entry("cost-service", costPid),
                    Map.entry("scorer-service", scorerPid), Map.entry("Kafka", CpuMeter.broker()));
            JitWarmUp warmUp = JitWarmUp.of("spans stored and priced", jvms);
            CpuMeter jit = warmUp.compilers();
            Expected[] expected = {Expected.NONE};
            warmUp.run(options, report, n -> {
                Requests set = load.warmUp(n);
                long start = System.nanoTime();
                send(target, experiment, set.bodies(), load.clients());
                expected[0] = expected[0].plus(set.spans());
                set.storedWait().await(sql, expected[0], start, report);
                return set.spans().size();
            });
            CpuMeter cpu = CpuMeter.create().role("gateway", p -> p.pid() == gatewayPid)
                    .role("trace-service", p -> p.pid() == tracePid).role("cost-service", p -> p.pid() == costPid)
                    .role("PostgreSQL", p -> CpuMeter.executable(p, "postgres"))
                    .role("Kafka", CpuMeter::isBroker)
                    // its online consumer reads every stored trace's announcement (traces-stored)
                    .role("scorer-service", p -> p.pid() == scorerPid);
            Map<String, Double> idleBefore = cpu.read();
            Thread.sleep(IDLE_NANOS / 1_000_000);
            Map<String, Double> idleAfter = cpu.read();
            StoredWait wait = load.timed().storedWait();
            Expected wanted = expected[0].plus(load.timed().spans());
            StatementProfile statements = new StatementProfile(sql);
            statements.reset();
            Map<String, Double> before = cpu.read();
            Map<String, Double> jitBefore = jit.read();
            Map<String, Map<String, Double>> threadsBefore = CpuMeter.threads(jvms);
            long start = System.nanoTime();
            long accepted = send(target, experiment, load.requests(), load.clients()) - start;
            Map<String, Double> atAccepted = cpu.read();
            StoredWait.Reached reached = wait.await(sql, wanted, start, report);
            Map<String, Double> after = cpu.read();
            Map<String, Map<String, Double>> threadsAfter = CpuMeter.threads(jvms);
            long stored = reached.all() - start;
            String cpuPerSpan = CpuMeter.perItem(before, after, load.spans());
            String jitPerSpan = CpuMeter.perItem(jitBefore, jit.read(), load.spans());
            report.line("  accepted after %.1f s, stored after %.1f s, priced after %.1f s, trace costs stored by"
                    + " trace-service after %.1f s (counts exact: %d spans, %d LLM spans, %d trace costs)", accepted / 1e9,
                    (reached.spans() - start) / 1e9, (reached.priced() - start) / 1e9,
                    (reached.traceCosts() - start) / 1e9, load.spans(), load.llmSpans(),
                    wanted.traceCosts() - expected[0].traceCosts());
            report.line("  CPU per span (µs) until accepted: %s", CpuMeter.perItem(before, atAccepted, load.spans()));
            report.line("  CPU per span (µs) until stored and priced: %s; of which JIT compiler threads: %s",
                    cpuPerSpan, jitPerSpan);
            threadsAfter.forEach((jvm, threads) -> report.line("  %s's threads, CPU per span until stored and priced"
                    + " (µs): %s", jvm, CpuMeter.topPerItem(threadsBefore.get(jvm), threads, load.spans(), 10)));
            // what the processes burn with no load (scheduled work, consumers' empty polls, the JIT's queue), as µs
            // per span at the rate just measured: a fixed cost per second weighs more per span the slower the rate
            report.line("  idle, %.0f s before the load, per span at this rate: %s", IDLE_NANOS / 1e9,
                    CpuMeter.perItem(idleBefore, idleAfter, Math.round(load.spans() * (double) IDLE_NANOS / stored)));
            report.line("  during the load (rows / calls = the consumers' batch sizes):");
            statements.print(report, 12);
            statements.reset();
            Searches searches = target.searches(experiment, load, cpu);
            report.line("  during the searches:");
            statements.print(report, 6);
            target.reportCosts(experiment, report);
            return new Result(load.spans() / (accepted / 1e9),
                    load.spans() / (stored / 1e9),
                    searches, cpuPerSpan + "; of which JIT compiler threads: " + jitPerSpan,
                    CpuMeter.totalPerItem(before, after, load.spans()));
        }
    }

    private static Result mlflowPostgres(Load load, Report report, Path work) throws Exception {
        MlflowServer.ensurePostgresDriver(MlflowPython.get());
        try (LocalPostgres postgres = LocalPostgres.startTemporary()) {
            return mlflow(load, report, "postgresql+psycopg2://postgres@localhost:" + postgres.port() + "/postgres", work,
                    "postgresql");
        }
    }

    private static Result mlflow(Load load, Report report, String store, Path work, String label) throws Exception {
        Path dir = work.resolve(label);
        try (MlflowServer server = MlflowServer.start(MlflowPython.get(), store, dir, work.resolve("mlflow-" + label + ".log"))) {
            Target target = new Target(server.url(), null);
            String experiment = target.createExperiment();
            send(target, experiment, load.warmUp(1).bodies(), load.clients());
            long serverPid = server.pid();
            CpuMeter cpu = CpuMeter.create()
                    .role("mlflow server", p -> CpuMeter.within(p, serverPid))
                    .role("PostgreSQL", p -> CpuMeter.executable(p, "postgres"));
            Map<String, Double> before = cpu.read();
            long start = System.nanoTime();
            long accepted = send(target, experiment, load.requests(), load.clients()) - start;
            Map<String, Double> after = cpu.read();
            String cpuPerSpan = CpuMeter.perItem(before, after, load.spans());
            report.line("  accepted (stored: mlflow server writes the spans before answering) after %.1f s; requests sent"
                    + " again after a dropped connection or a 503 so far: %d", accepted / 1e9, Target.RESENT.get());
            report.line("  CPU per span (µs): %s", cpuPerSpan);
            target.reportCosts(experiment, report);
            double perSecond = load.spans() / (accepted / 1e9);
            return new Result(perSecond, perSecond, target.searches(experiment, load, cpu), cpuPerSpan,
                    CpuMeter.totalPerItem(before, after, load.spans()));
        }
    }

    /** Sends the requests from {@code clients} threads; returns System.nanoTime() when the last one was answered. */
    private static long send(Target target, String experiment, List<byte[]> requests, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> answers = new ArrayList<>();
            for (byte[] body : requests) {
                answers.add(pool.submit(() -> target.export(experiment, body)));
            }
            for (Future<?> answer : answers) {
                answer.get();
            }
            return System.nanoTime();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A server speaking MLflow's REST API and OTLP/HTTP: the gateway (with a token) or mlflow server. */
    private record Target(String url, String token) {

        static final AtomicInteger RESENT = new AtomicInteger();

        String createExperiment() {
            return check(Http.post(url + "/api/2.0/mlflow/experiments/create", "application/json",
                    Http.json(Map.of("name", "otlp-bench-" + System.nanoTime())).getBytes(), auth()))
                    .json().path("experiment_id").asText();
        }

        /**
         * One export; a connection the server dropped without answering, or a 503, is sent again, as an OTLP exporter
         * would (up to 3 times, a 503 after 1 s; counted in {@link #RESENT}). Seen on a loaded machine: uvicorn
         * restarts an mlflow server worker that misses its 5 s health check while it parses a large request, and
         * mlflow server on SQLite answers 503 "database is locked" to concurrent exports.
         */
        void export(String experiment, byte[] body) {
            String[] headers = token == null ? new String[] {"x-mlflow-experiment-id", experiment}
                    : new String[] {"x-mlflow-experiment-id", experiment, "Authorization", "Bearer " + token};
            for (int attempt = 1;; attempt++) {
                try {
                    Http.Reply reply = Http.post(url + "/v1/traces", "application/x-protobuf", body, headers);
                    if (reply.status() == 503 && attempt < 3) {
                        // retryable by OTLP/HTTP's rules (seen: mlflow server on SQLite, "database is locked")
                        RESENT.incrementAndGet();
                        sleep(1000);
                        continue;
                    }
                    check(reply);
                    return;
                } catch (IllegalStateException e) {
                    if (!(e.getCause() instanceof IOException) || attempt == 3) {
                        throw e;
                    }
                    RESENT.incrementAndGet();
                }
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The first {@code searches} (after one unmeasured), {@code searchWarmUp} more, then {@code searches} again. */
        Searches searches(String experiment, Load load, CpuMeter cpu) {
            search(experiment);
            double first = searchP50(experiment, load.searches());
            for (int i = 0; i < load.searchWarmUp(); i++) {
                search(experiment);
            }
            Map<String, Double> before = cpu.read();
            double warm = searchP50(experiment, load.searches());
            return new Searches(first, warm, CpuMeter.perItem(before, cpu.read(), load.searches()));
        }

        /** p50 of {@code searches} newest-100 searches. */
        private double searchP50(String experiment, int searches) {
            List<Long> nanos = new ArrayList<>();
            for (int i = 0; i < searches; i++) {
                nanos.add(search(experiment));
            }
            return nanos.stream().sorted().toList().get(nanos.size() / 2) / 1e6;
        }

        /**
         * Prints how many of the newest 100 traces carry a trace-level token usage and cost ({@code
         * mlflow.trace.tokenUsage}, {@code mlflow.trace.cost} in their metadata): what each server derived from the
         * spans' GenAI usage by the time the load counted as stored (MLflow prices it in the same request).
         */
        void reportCosts(String experiment, Report report) {
            int usage = 0;
            int cost = 0;
            for (JsonNode trace : newest100(experiment).json().path("traces")) {
                JsonNode metadata = trace.path("trace_metadata");
                usage += metadata.hasNonNull(MlflowKeys.TRACE_TOKEN_USAGE) ? 1 : 0;
                cost += metadata.hasNonNull(MlflowKeys.TRACE_COST) ? 1 : 0;
            }
            report.line("  newest 100 traces once stored: %d with a trace token usage, %d with a trace cost", usage, cost);
        }

        /** One newest-100 search, which must return 100 traces; the nanoseconds it took. */
        private long search(String experiment) {
            return newest100(experiment).nanos();
        }

        private Http.Reply newest100(String experiment) {
            String body = Http.json(Map.of("locations", List.of(Map.of("type", "MLFLOW_EXPERIMENT", "mlflow_experiment",
                    Map.of("experiment_id", experiment))), "max_results", 100, "order_by", List.of("timestamp_ms DESC")));
            Http.Reply reply = check(Http.post(url + "/api/3.0/mlflow/traces/search", "application/json",
                    body.getBytes(), auth()));
            int found = reply.json().path("traces").size();
            if (found != 100) {
                throw new IllegalStateException(url + ": the newest-100 search returned " + found + " traces");
            }
            return reply;
        }

        private String[] auth() {
            return token == null ? new String[0] : new String[] {"Authorization", "Bearer " + token};
        }

        private Http.Reply check(Http.Reply reply) {
            if (reply.status() != 200) {
                throw new IllegalStateException(url + " answered " + reply.status() + ": " + reply.body());
            }
            return reply;
        }
    }

    private OtlpBench() {
    }
}
