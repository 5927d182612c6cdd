package dev.evalplane.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.LocalKafka;
import dev.evalplane.testsupport.LocalPostgres;
import dev.evalplane.testsupport.ServiceProcess;
import dev.evalplane.testsupport.TopicClient;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.Spans;

/**
 * The packaged trace-service is killed with SIGKILL while it consumes a stream of 2000 spans (200 traces of 10 spans,
 * half of them child-first), then started again: every span ends up stored exactly once and every trace is whole.
 */
class TraceServiceRestartIT {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("TraceServiceRestartIT");
    private static final int TRACES = 200;
    private static final int SPANS_PER_TRACE = 10;
    private static final int TOTAL = TRACES * SPANS_PER_TRACE;

    @Test
    void killedMidStreamLosesNothing() throws Exception {
        try (LocalKafka kafka = LocalKafka.startTemporary(); LocalPostgres postgres = LocalPostgres.startTemporary()) {
            // the killed members (one per channel) leave the group after the service's own session timeout (6 s)
            Map<String, String> config = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                    "quarkus.datasource.jdbc.url", postgres.jdbcUrl());
            Path jar = Path.of(System.getProperty("service.jar"));
            Path log = Path.of("target", "restart-it", "trace-service.log");
            List<SpanEvent> spans = spans();
            AtomicInteger sent = new AtomicInteger();
            CompletableFuture<Void> producing;
            int storedAtKill;
            int sentAtKill;
            try (ServiceProcess first = new ServiceProcess(jar, config, log).start()) {
                producing = CompletableFuture.runAsync(() -> produce(kafka.bootstrapServers(), spans, sent));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> storedSpans(postgres) >= TOTAL / 5);
                first.kill();
                storedAtKill = storedSpans(postgres);
                sentAtKill = sent.get();
            }
            LOG.info(() -> "killed with " + storedAtKill + " spans stored and " + sentAtKill + " sent");
            assertThat(storedAtKill).as("killed mid-stream").isLessThan(TOTAL);
            assertThat(sentAtKill).as("still producing when killed").isLessThan(TOTAL);
            producing.get();

            long restart = System.nanoTime();
            try (ServiceProcess second = new ServiceProcess(jar, config, log).start()) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .until(() -> storedSpans(postgres) == TOTAL);
                LOG.info(() -> "restarted and caught up in " + Duration.ofNanos(System.nanoTime() - restart).toMillis() + " ms");
                assertThat(query(postgres, "SELECT count(DISTINCT (trace_id, span_id)) FROM traces.spans")).isEqualTo(TOTAL);
                assertThat(query(postgres, "SELECT count(*) FROM traces.traces WHERE state = 'OK'")).isEqualTo(TRACES);
                assertThat(query(postgres, "SELECT count(*) FROM (SELECT trace_id FROM traces.spans GROUP BY trace_id"
                        + " HAVING count(*) = " + SPANS_PER_TRACE + ") whole")).isEqualTo(TRACES);
                String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(second.url(
                        "/api/v1/traces/" + spans.get(0).traceId()))).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(body).contains("\"state\":\"OK\"").contains(spans.get(0).spanId());
            }
        }
    }

    private static List<SpanEvent> spans() {
        List<SpanEvent> spans = new ArrayList<>();
        for (int t = 0; t < TRACES; t++) {
            String traceId = Ids.newTraceId();
            SpanEvent root = Spans.root(traceId, Ids.newSpanId(), "exp-restart", t, 50, null, null);
            List<SpanEvent> trace = new ArrayList<>();
            for (int s = 1; s < SPANS_PER_TRACE; s++) {
                trace.add(Spans.child(traceId, Ids.newSpanId(), root.spanId(), "exp-restart", t + s, null, null));
            }
            trace.add(t % 2 == 0 ? 0 : trace.size(), root);
            spans.addAll(trace);
        }
        return spans;
    }

    /** Sends the spans at about 250 per second, so the service is killed while records are still arriving. */
    private static void produce(String bootstrap, List<SpanEvent> spans, AtomicInteger sent) {
        try (TopicClient producer = new TopicClient(bootstrap)) {
            for (SpanEvent span : spans) {
                producer.sendAsync(Topics.SPANS, span.traceId(), Events.json(span));
                if (sent.incrementAndGet() % 25 == 0) {
                    producer.flush();
                    Thread.sleep(100); // pacing the producer (a rate), not waiting for anything
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int storedSpans(LocalPostgres postgres) {
        try {
            return query(postgres, "SELECT count(*) FROM traces.spans");
        } catch (SQLException e) {
            return -1; // the schema is not migrated yet
        }
    }

    private static int query(LocalPostgres postgres, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
