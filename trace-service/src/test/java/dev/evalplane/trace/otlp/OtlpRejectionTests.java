package dev.evalplane.trace.otlp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import dev.evalplane.testsupport.TopicOverride;
import dev.evalplane.testsupport.TopicTail;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Rejected OTLP requests answer problem+json (400, 413, 415) and publish nothing, not even their valid spans:
 * after a later accepted request's span is on the topic, none of the rejected trace ids is.
 * The test profile sets evalplane.otlp.max-body-size=2M; a span record may be at most 1,000,000 bytes.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class OtlpRejectionTests {

    private static final String PROTOBUF = "application/x-protobuf";

    @Test
    void rejectedRequestsAreProblemsAndPublishNothing() throws Exception {
        String badIdTrace = OtlpIngestionTests.randomTraceHex();
        byte[] secondSpanHasZeroId = OtlpBytes.request(span(badIdTrace, "00000000000000a1"),
                span(badIdTrace, "0000000000000000")).toByteArray();
        problem(post(secondSpanHasZeroId, PROTOBUF, null), 400, "otlp-malformed-payload",
                "resourceSpans[0].scopeSpans[0].spans[1].spanId must not be all zeros");

        problem(post("{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [{\"traceId\": \"zz\"}]}]}]}"
                .getBytes(StandardCharsets.UTF_8), "application/json", null), 400, "otlp-malformed-payload",
                "$.resourceSpans[0].scopeSpans[0].spans[0].traceId must be a hex-encoded id");

        problem(post(OtlpBytes.request(span(OtlpIngestionTests.randomTraceHex(), "00000000000000a1")).toByteArray(),
                "text/plain", null), 415, "otlp-unsupported-media-type", "'text/plain' is not supported");

        String oversizedTrace = OtlpIngestionTests.randomTraceHex();
        byte[] oversized = OtlpBytes.request(withBlob(span(oversizedTrace, "00000000000000a1"), 2_500_000))
                .toByteArray();
        problem(post(oversized, PROTOBUF, null), 413, "otlp-payload-too-large", "evalplane.otlp.max-body-size");
        problem(post(OtlpBytes.gzip(new byte[8 * 1024 * 1024]), PROTOBUF, "gzip"), 413, "otlp-payload-too-large",
                "once decompressed");

        String hugeSpanTrace = OtlpIngestionTests.randomTraceHex();
        byte[] hugeSpan = OtlpBytes.request(span(hugeSpanTrace, "00000000000000a1"),
                withBlob(span(hugeSpanTrace, "00000000000000a2"), 1_500_000)).toByteArray();
        problem(post(hugeSpan, PROTOBUF, null), 413, "otlp-payload-too-large",
                "span 00000000000000a2 of trace tr-" + hugeSpanTrace);

        // span by span: the first span in request order that cannot be published names the error
        String hugeThenBadIdTrace = OtlpIngestionTests.randomTraceHex();
        byte[] hugeThenBadId = OtlpBytes.request(withBlob(span(hugeThenBadIdTrace, "00000000000000a1"), 1_500_000),
                span(hugeThenBadIdTrace, "0000000000000000")).toByteArray();
        problem(post(hugeThenBadId, PROTOBUF, null), 413, "otlp-payload-too-large",
                "span 00000000000000a1 of trace tr-" + hugeThenBadIdTrace);

        String markerTrace = OtlpIngestionTests.randomTraceHex();
        post(OtlpBytes.request(span(markerTrace, "00000000000000a1")).toByteArray(), PROTOBUF, null)
                .statusCode(200).contentType(PROTOBUF);
        try (TopicTail spans = TopicClient.onTestBroker().tail(Topics.SPANS)) {
            spans.await("tr-" + markerTrace, 1, Duration.ofSeconds(30));
            for (int i = 0; i < 5; i++) {
                spans.poll();
            }
            assertThat(spans.keyed("tr-" + badIdTrace)).isEmpty();
            assertThat(spans.keyed("tr-" + oversizedTrace)).isEmpty();
            assertThat(spans.keyed("tr-" + hugeSpanTrace)).isEmpty();
            assertThat(spans.keyed("tr-" + hugeThenBadIdTrace)).isEmpty();
        }
    }

    @Test
    void aRecordKafkaRefusesIs503WithRetryAfter() throws Exception {
        try (TopicOverride refusingLargeRecords = TopicClient.onTestBroker().override(Topics.SPANS,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1000")) {
            byte[] body = OtlpBytes.request(withBlob(span(OtlpIngestionTests.randomTraceHex(), "00000000000000a1"),
                    5_000)).toByteArray();

            problem(post(body, PROTOBUF, null).header("Retry-After", "5"), 503, "otlp-span-log-unavailable",
                    "Kafka did not acknowledge the spans");
        }
        String afterwards = OtlpIngestionTests.randomTraceHex();
        post(OtlpBytes.request(withBlob(span(afterwards, "00000000000000a1"), 5_000)).toByteArray(), PROTOBUF, null)
                .statusCode(200);
    }

    @Test
    void emptyExportIsAcceptedWithAnEmptyResponseInTheRequestEncoding() {
        given().contentType("application/json").body("{}").post("/v1/traces")
                .then().statusCode(200).contentType("application/json").body(equalTo("{}"));
        byte[] body = given().contentType(PROTOBUF).body(new byte[0]).post("/v1/traces")
                .then().statusCode(200).contentType(PROTOBUF).extract().asByteArray();
        assertThat(body).isEmpty();
    }

    private static ValidatableResponse post(byte[] body, String contentType, String contentEncoding) {
        var request = given().contentType(contentType).body(body).header("x-mlflow-experiment-id", "3");
        if (contentEncoding != null) {
            request = request.header("Content-Encoding", contentEncoding);
        }
        return request.post("/v1/traces").then();
    }

    private static void problem(ValidatableResponse response, int status, String type, String detail) {
        response.statusCode(status).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://evalplane.dev/problems/" + type))
                .body("status", equalTo(status))
                .body("title", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()))
                .body("detail", containsString(detail));
    }

    private static Span span(String traceHex, String spanHex) {
        return Span.newBuilder().setTraceId(OtlpBytes.hex(traceHex)).setSpanId(OtlpBytes.hex(spanHex))
                .setName("s").setStartTimeUnixNano(1_000L).setEndTimeUnixNano(2_000L).build();
    }

    private static Span withBlob(Span span, int chars) {
        return span.toBuilder().addAttributes(KeyValue.newBuilder().setKey("blob")
                .setValue(AnyValue.newBuilder().setStringValue("x".repeat(chars)))).build();
    }
}
