package dev.evalplane.cost.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.cost.TraceCosts;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.EventJson;
import dev.evalplane.events.Ids;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.testsupport.LocalKafka;
import dev.evalplane.testsupport.LocalPostgres;
import dev.evalplane.testsupport.ServiceProcess;
import dev.evalplane.testsupport.TopicClient;

/**
 * The packaged cost-service started while its broker is down, with an aggregate stored but not published (what a crash
 * between commit and publication leaves): the start-up publication fails and is tried again, the row stays unpublished
 * and the producer's readiness check is DOWN; once the broker is back the aggregate is on {@code trace-costs}, the row
 * is marked, and readiness is UP.
 */
class TraceCostPublisherOutageIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anAggregateLeftUnpublishedWhileTheBrokerIsDownIsPublishedOnceItIsBack() throws Exception {
        Path jar = Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"));
        try (LocalKafka kafka = LocalKafka.startTemporary(); LocalPostgres pg = LocalPostgres.startTemporary()) {
            Map<String, String> config = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "quarkus.datasource.reactive.url", pg.reactiveUrl(), "quarkus.datasource.jdbc.url", pg.jdbcUrl(),
                    "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "postgres",
                    "quarkus.log.console.json.enabled", "false");
            Path log = Path.of("target", "trace-cost-publisher-outage-it.log");
            try (ServiceProcess migrated = new ServiceProcess(jar, config, log).start()) {
                assertThat(publisherStatus(migrated)).isEqualTo("UP");
            }
            String trace = Ids.newTraceId();
            TraceCostEvent stored = new TraceCostEvent(1, trace, 3, 10, 5, 15, 0, 0, 0, null, null, null,
                    CostStatus.UNPRICED, List.of("mystery"), List.of(), "evalplane-2026-11-24",
                    Instant.parse("2026-11-26T20:00:00Z"));
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "postgres");
                    PreparedStatement insert = db.prepareStatement("INSERT INTO costs.trace_cost_versions"
                            + " (trace_id, version, content_hash, event, published_version) VALUES (?, 3, 'h', ?, 2)")) {
                insert.setString(1, trace);
                insert.setString(2, EventJson.mapper().writeValueAsString(stored));
                insert.executeUpdate();
            }

            kafka.stop();
            Path outageLog = Path.of("target", "trace-cost-publisher-outage-it-2.log");
            try (ServiceProcess service = new ServiceProcess(jar, config, outageLog).launch()) {
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> Files.exists(outageLog)
                                && Files.readString(outageLog).contains("publishing the pending trace costs failed"));
                assertThat(publisherStatus(service)).isEqualTo("DOWN");
                assertThat(publishedVersion(pg, trace)).isEqualTo(2);

                kafka.start();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> publishedVersion(pg, trace) == 3);
                try (TopicClient client = new TopicClient(kafka.bootstrapServers())) {
                    TraceCostEvent onTopic = TraceCosts.latest(new TraceCosts(client).awaitEach(List.of(trace),
                            e -> true, Duration.ofSeconds(30))).get(trace);
                    assertThat(onTopic).isEqualTo(stored);
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> publisherStatus(service).equals("UP"));
            }
        }
    }

    private static long publishedVersion(LocalPostgres pg, String trace) throws SQLException {
        try (Connection db = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "postgres");
                PreparedStatement select = db.prepareStatement(
                        "SELECT published_version FROM costs.trace_cost_versions WHERE trace_id = ?")) {
            select.setString(1, trace);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The status of the publisher's own check in the readiness answer ("missing" when it is not listed). */
    private static String publisherStatus(ServiceProcess service) throws IOException, InterruptedException {
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(service.url("/q/health/ready")))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode check : EventJson.mapper().readTree(ready.body()).path("checks")) {
            if (check.path("name").asText().equals(TraceCostPublisherReadiness.NAME)) {
                return check.path("status").asText();
            }
        }
        return "missing";
    }
}
