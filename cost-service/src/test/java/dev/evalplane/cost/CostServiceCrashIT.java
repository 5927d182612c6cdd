package dev.evalplane.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.testsupport.LocalKafka;
import dev.evalplane.testsupport.LocalPostgres;
import dev.evalplane.testsupport.ServiceProcess;
import dev.evalplane.testsupport.TopicClient;

/**
 * kill -9 of the packaged cost-service in the middle of a stream of 3000 LLM spans over 300 traces (plus
 * duplicates), then a restart: for every trace the highest-version event on trace-costs must carry exactly the
 * totals computed here from the spans and the bundled rates, and a trace's versions must never go backwards.
 */
class CostServiceCrashIT {

    private static final int TRACES = 300;
    private static final int SPANS_PER_TRACE = 10;
    private static final String[][] MODELS = { // provider, model on the span, bundled key
            { "openai", "gpt-4.1-mini", "gpt-4.1-mini" },
            { "anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5" },
            { "gemini", "gemini-2.5-flash", "gemini/gemini-2.5-flash" },
            { "openai", "openai:/o3", "o3" } };

    private record Expected(long input, long output, BigDecimal inputCost, BigDecimal outputCost, CostStatus status,
            int spans) {
    }

    @Test
    void killNineMidStreamNeitherLosesNorDoubleCountsAnySpan() throws Exception {
        Random random = new Random(20261124);
        ExpectedCosts costs = new ExpectedCosts();
        List<SpanEvent> spans = new ArrayList<>();
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (int t = 0; t < TRACES; t++) {
            String trace = String.format("tr-%032x", 0xC0571000L + t);
            long in = 0;
            long out = 0;
            BigDecimal inCost = BigDecimal.ZERO;
            BigDecimal outCost = BigDecimal.ZERO;
            boolean unknown = t % 10 == 7;
            for (int s = 0; s < SPANS_PER_TRACE; s++) {
                String spanId = String.format("%08x%08x", t, s);
                if (unknown && s == 3) {
                    TokenUsage u = Spans.usage(500 + s, 40, 0, 0, 0);
                    spans.add(Spans.llm(trace, spanId, null, "acme", "acme-large-2", u));
                    in += u.inputTokens();
                    out += u.outputTokens();
                    continue;
                }
                String[] model = MODELS[random.nextInt(MODELS.length)];
                TokenUsage u = usage(random, model[2]);
                spans.add(Spans.llm(trace, spanId, null, model[0], model[1], u));
                BigDecimal[] c = costs.of(model[2], u);
                in += u.inputTokens();
                out += u.outputTokens();
                inCost = inCost.add(c[0]);
                outCost = outCost.add(c[1]);
            }
            expected.put(trace, unknown ? new Expected(in, out, null, null, CostStatus.PARTIALLY_PRICED, SPANS_PER_TRACE)
                    : new Expected(in, out, inCost, outCost, CostStatus.PRICED, SPANS_PER_TRACE));
        }
        List<SpanEvent> stream = new ArrayList<>(spans);
        for (int i = 0; i < 300; i++) {
            stream.add(spans.get(random.nextInt(spans.size()))); // redelivered / duplicated spans
        }
        Collections.shuffle(stream, random);

        Path jar = Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"));
        try (LocalKafka kafka = LocalKafka.startTemporary(); LocalPostgres pg = LocalPostgres.startTemporary();
                TopicClient client = new TopicClient(kafka.bootstrapServers())) {
            Map<String, String> config = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "quarkus.datasource.reactive.url", pg.reactiveUrl(), "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                    "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "postgres",
                    "quarkus.log.console.json.enabled", "false");
            Path log = Path.of("target", "cost-service-crash-it.log");
            ServiceProcess first = new ServiceProcess(jar, config, log).start();
            AtomicInteger sent = new AtomicInteger();
            Thread producer = new Thread(() -> {
                for (SpanEvent span : stream) {
                    client.sendAsync(Topics.SPANS, span.traceId(), Spans.json(span));
                    if (sent.incrementAndGet() % 100 == 0) {
                        client.flush();
                        sleep(60);
                    }
                }
                client.flush();
            }, "span-producer");
            producer.start();
            Set<String> ids = expected.keySet();
            int seenAtKill = client.readUntil(Topics.TRACE_COSTS, read -> TraceCosts.events(read, ids).size() >= 60,
                    Duration.ofSeconds(90)).stream().map(r -> r.key()).distinct().toList().size();
            first.kill();
            int sentAtKill = sent.get();
            producer.join();
            System.out.printf("kill -9 after %d of %d records sent, %d traces with an event%n", sentAtKill,
                    stream.size(), seenAtKill);
            assertThat(sentAtKill).as("killed mid-stream").isLessThan(stream.size());

            long restart = System.nanoTime();
            try (ServiceProcess second = new ServiceProcess(jar, config, log).start()) {
                Map<String, List<TraceCostEvent>> events = new TraceCosts(client).await(ids,
                        latest -> latest.size() == TRACES && latest.values().stream()
                                .allMatch(e -> e.spans().size() == SPANS_PER_TRACE), Duration.ofSeconds(180));
                System.out.printf("all %d traces complete %d ms after the restart began%n", TRACES,
                        (System.nanoTime() - restart) / 1_000_000);
                assertEveryTrace(expected, events);
            }
        }
    }

    private static void assertEveryTrace(Map<String, Expected> expected, Map<String, List<TraceCostEvent>> events) {
        assertThat(events).hasSize(TRACES);
        int republished = 0;
        for (Map.Entry<String, Expected> entry : expected.entrySet()) {
            List<TraceCostEvent> history = events.get(entry.getKey());
            Map<Long, TraceCostEvent> byVersion = new HashMap<>();
            long previous = 0;
            for (TraceCostEvent e : history) {
                assertThat(e.version()).as("versions of %s never go backwards", entry.getKey())
                        .isGreaterThanOrEqualTo(previous);
                TraceCostEvent same = byVersion.putIfAbsent(e.version(), e);
                if (same != null) {
                    republished++;
                    assertThat(e).as("a re-published version has the same content").isEqualTo(same);
                }
                previous = e.version();
            }
            TraceCostEvent last = history.get(history.size() - 1);
            Expected x = entry.getValue();
            assertThat(last.spans()).hasSize(x.spans());
            assertThat(last.inputTokens()).as("input tokens of %s", entry.getKey()).isEqualTo(x.input());
            assertThat(last.outputTokens()).isEqualTo(x.output());
            assertThat(last.costStatus()).isEqualTo(x.status());
            if (x.inputCost() == null) {
                assertThat(last.totalCost()).isNull();
                assertThat(last.unpricedModels()).containsExactly("acme-large-2");
            } else {
                assertThat(last.inputCost()).as("input cost of %s", entry.getKey())
                        .isEqualByComparingTo(x.inputCost());
                assertThat(last.outputCost()).isEqualByComparingTo(x.outputCost());
                assertThat(last.totalCost()).as("total of %s", entry.getKey())
                        .isEqualByComparingTo(x.inputCost().add(x.outputCost()));
                BigDecimal sumOfSpans = last.spans().stream().map(s -> s.totalCost()).filter(Objects::nonNull)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(last.totalCost()).isEqualByComparingTo(sumOfSpans);
            }
        }
        System.out.printf("%d re-published events (same version, same content)%n", republished);
    }

    /**
     * Usage with the categories each model has rates for; some Anthropic calls above 200k input tokens, half of them
     * with their cache writes split into 5-minute and 1-hour writes.
     */
    private static TokenUsage usage(Random random, String model) {
        long input = 100 + random.nextInt(20_000);
        long output = 10 + random.nextInt(3_000);
        long cacheRead = random.nextBoolean() ? random.nextInt((int) input / 2) : 0;
        long cacheWrite = 0;
        long reasoning = 0;
        switch (model) {
            case "claude-sonnet-4-5" -> {
                if (random.nextInt(5) == 0) {
                    input = 200_000 + random.nextInt(50_000);
                }
                cacheWrite = random.nextInt((int) (input - cacheRead) / 2 + 1);
                if (random.nextBoolean()) {
                    long cacheWrite1h = random.nextInt((int) cacheWrite + 1);
                    return new TokenUsage(input, output, input + output, cacheRead, cacheWrite, 0L, cacheWrite1h);
                }
            }
            case "o3", "gemini/gemini-2.5-flash" -> reasoning = random.nextInt((int) output);
            default -> {
            }
        }
        return Spans.usage(input, output, cacheRead, cacheWrite, reasoning);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
