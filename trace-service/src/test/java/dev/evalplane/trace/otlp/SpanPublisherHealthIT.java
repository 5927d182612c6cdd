package dev.evalplane.trace.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.testsupport.LocalKafka;
import dev.evalplane.testsupport.LocalPostgres;
import dev.evalplane.testsupport.PrometheusText;
import dev.evalplane.testsupport.ServiceProcess;
import dev.evalplane.trace.otlp.messaging.SpanPublisher;
import dev.evalplane.trace.otlp.messaging.SpanPublisherReadiness;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * The OTLP door's own Kafka producer on the packaged trace-service and a broker of its own: readiness names it and
 * is UP while the broker runs, DOWN once the broker is stopped, UP again once it is back; its client metrics are
 * served at {@code /q/metrics} and count the records an export sent.
 */
class SpanPublisherHealthIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void readinessFollowsTheBrokerAndMetricsCountTheSends() throws Exception {
        try (LocalKafka kafka = LocalKafka.startTemporary(); LocalPostgres postgres = LocalPostgres.startTemporary();
                ServiceProcess service = new ServiceProcess(Path.of(System.getProperty("service.jar")),
                        Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                                "quarkus.datasource.jdbc.url", postgres.jdbcUrl()),
                        Path.of("target", "span-publisher-health-it", "trace-service.log")).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> publisherStatus(service).equals("UP"));
            assertThat(readiness(service).path("checks").findValues("data"))
                    .anySatisfy(data -> assertThat(data.path("client-id").asText()).isEqualTo(SpanPublisher.CLIENT_ID));

            String trace = OtlpIngestionTests.randomTraceHex();
            byte[] request = OtlpBytes.request(span(trace, "00000000000000a1"), span(trace, "00000000000000a2"),
                    span(trace, "00000000000000a3")).toByteArray();
            HttpResponse<String> exported = HTTP.send(HttpRequest.newBuilder(URI.create(service.url("/v1/traces")))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(exported.statusCode()).isEqualTo(200);
            assertThat(PrometheusText.sum(get(service, "/q/metrics").body(), "kafka_producer_record_send_total",
                    "client_id=\"" + SpanPublisher.CLIENT_ID + "\"")).isEqualTo(3);

            kafka.stop();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> publisherStatus(service).equals("DOWN"));
            assertThat(get(service, "/q/health/ready").statusCode()).isEqualTo(503);

            kafka.start();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> publisherStatus(service).equals("UP"));
        }
    }

    private static Span span(String traceHex, String spanHex) {
        return Span.newBuilder().setTraceId(OtlpBytes.hex(traceHex)).setSpanId(OtlpBytes.hex(spanHex))
                .setName("health").setStartTimeUnixNano(1_000_000_000L).setEndTimeUnixNano(2_000_000_000L).build();
    }

    /** The status of the publisher's own check in the readiness answer ("missing" when it is not listed). */
    private static String publisherStatus(ServiceProcess service) throws Exception {
        for (JsonNode check : readiness(service).path("checks")) {
            if (check.path("name").asText().equals(SpanPublisherReadiness.NAME)) {
                return check.path("status").asText();
            }
        }
        return "missing";
    }

    private static JsonNode readiness(ServiceProcess service) throws Exception {
        return OtlpFixtures.JSON.readTree(get(service, "/q/health/ready").body());
    }

    private static HttpResponse<String> get(ServiceProcess service, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
