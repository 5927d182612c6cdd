package dev.evalplane.trace.otlp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import dev.evalplane.testsupport.TopicTail;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * POST /v1/traces end to end: the real OpenTelemetry SDK exporter (protobuf, gzip) and OTLP/JSON in, SpanEvents
 * read back from the real {@code spans} topic with a plain KafkaConsumer.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class OtlpIngestionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicTail spans;

    @TestHTTPResource("/v1/traces")
    URL endpoint;

    @AfterAll
    static void closeConsumer() {
        if (spans != null) {
            spans.close();
        }
    }

    static TopicTail spans() {
        if (spans == null) {
            spans = TopicClient.onTestBroker().tail(Topics.SPANS);
        }
        return spans;
    }

    @Test
    void openTelemetrySdkExporterSpansArriveOnTheTopic() {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint.toString())
                .addHeader("x-mlflow-experiment-id", "12").setCompression("gzip").build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "otlp-test")))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
        Tracer tracer = provider.get("evalplane-otlp-test");

        Span root = tracer.spanBuilder("invoke_agent planner").setAttribute("gen_ai.operation.name", "invoke_agent")
                .setAttribute("mlflow.traceTag.mlflow.trace.sourceScorer", "Safety")
                .setAttribute("session.id", "session-7").startSpan();
        Span chat;
        try (Scope ignored = root.makeCurrent()) {
            chat = tracer.spanBuilder("chat gpt-4.1-mini").setAttribute("gen_ai.operation.name", "chat")
                    .setAttribute("gen_ai.provider.name", "openai")
                    .setAttribute("gen_ai.request.model", "gpt-4.1-mini")
                    .setAttribute("gen_ai.response.model", "gpt-4.1-mini-2025-04-14")
                    .setAttribute("gen_ai.usage.input_tokens", 1200L).setAttribute("gen_ai.usage.output_tokens", 300L)
                    .setAttribute("gen_ai.usage.cache_read.input_tokens", 1000L)
                    .setAttribute("gen_ai.usage.reasoning.output_tokens", 120L).startSpan();
            chat.setStatus(StatusCode.ERROR, "length");
            chat.end();
        }
        root.end();
        CompletableResultCode flushed = provider.forceFlush().join(20, TimeUnit.SECONDS);
        provider.shutdown().join(10, TimeUnit.SECONDS);

        assertThat(flushed.isSuccess()).as("exporter got 200 from /v1/traces").isTrue();
        String traceId = "tr-" + root.getSpanContext().getTraceId();
        List<JsonNode> events = spans().await(traceId, 2, WAIT);
        assertThat(events).hasSize(2);
        JsonNode rootEvent = bySpanId(events, root.getSpanContext().getSpanId());
        JsonNode chatEvent = bySpanId(events, chat.getSpanContext().getSpanId());

        assertThat(rootEvent.get("parent_span_id").isNull()).isTrue();
        assertThat(rootEvent.get("span_type").asText()).isEqualTo("AGENT");
        assertThat(rootEvent.get("experiment_id").asText()).isEqualTo("12");
        assertThat(rootEvent.get("trace_tags").get("mlflow.trace.sourceScorer").asText()).isEqualTo("Safety");
        assertThat(rootEvent.get("trace_metadata").get("mlflow.trace.session").asText()).isEqualTo("session-7");
        assertThat(rootEvent.get("llm").isNull()).isTrue();

        assertThat(chatEvent.get("trace_id").asText()).isEqualTo(traceId);
        assertThat(chatEvent.get("parent_span_id").asText()).isEqualTo(root.getSpanContext().getSpanId());
        assertThat(chatEvent.get("span_type").asText()).isEqualTo("CHAT_MODEL");
        assertThat(chatEvent.get("status").get("code").asText()).isEqualTo("ERROR");
        assertThat(chatEvent.get("status").get("message").asText()).isEqualTo("length");
        assertThat(chatEvent.get("end_time_ns").asLong()).isGreaterThanOrEqualTo(chatEvent.get("start_time_ns").asLong());
        assertThat(OtlpFixtures.differences(OtlpFixtures.JSON.valueToTree(Map.of(
                "provider", "openai", "model", "gpt-4.1-mini-2025-04-14",
                "usage", Map.of("input_tokens", 1200, "output_tokens", 300, "total_tokens", 1500,
                        "cache_read_input_tokens", 1000, "reasoning_tokens", 120))), chatEvent.get("llm"))).isEmpty();
    }

    @Test
    void otlpJsonRequestIsMappedLikeTheGoldenFile() throws Exception {
        String hex = randomTraceHex();
        ObjectNode request = (ObjectNode) OtlpFixtures.json("genai-chat.request.json");
        request.findParents("traceId").forEach(span -> ((ObjectNode) span).put("traceId", hex));
        ArrayNode expected = (ArrayNode) OtlpFixtures.json("genai-chat.expected.json");
        expected.forEach(event -> ((ObjectNode) event).put("trace_id", "tr-" + hex));

        given().contentType("application/json; charset=utf-8").header("x-mlflow-experiment-id", "7")
                .body(OtlpFixtures.JSON.writeValueAsString(request))
                .post("/v1/traces")
                .then().statusCode(200).contentType("application/json").body(equalTo("{}"));

        List<JsonNode> events = spans().await("tr-" + hex, 2, WAIT);
        assertThat(OtlpFixtures.differences(expected, OtlpFixtures.JSON.valueToTree(events))).isEmpty();
    }

    @Test
    void aLargeBatchIsAnsweredOnlyOnceEverySpanIsOnTheTopic() {
        String hex = randomTraceHex();
        int count = 2_000;
        io.opentelemetry.proto.trace.v1.Span[] batch = new io.opentelemetry.proto.trace.v1.Span[count];
        for (int i = 0; i < count; i++) {
            batch[i] = io.opentelemetry.proto.trace.v1.Span.newBuilder().setTraceId(OtlpBytes.hex(hex))
                    .setSpanId(OtlpBytes.hex(String.format("%016x", i + 1))).setName("step " + i)
                    .setStartTimeUnixNano(1_000L + i).setEndTimeUnixNano(2_000L + i).build();
        }
        byte[] body = OtlpBytes.request(batch).toByteArray();

        long started = System.nanoTime();
        given().contentType("application/x-protobuf").body(body).post("/v1/traces").then().statusCode(200);
        long answeredMs = (System.nanoTime() - started) / 1_000_000;

        List<JsonNode> events = spans().await("tr-" + hex, count, WAIT);
        assertThat(events).extracting(e -> e.get("span_id").asText()).doesNotHaveDuplicates().hasSize(count);
        System.out.printf("OTLP batch of %d spans (%d bytes) acknowledged in %d ms%n", count, body.length, answeredMs);
    }

    private static JsonNode bySpanId(List<JsonNode> events, String spanId) {
        return events.stream().filter(e -> spanId.equals(e.get("span_id").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + spanId + " in " + events));
    }

    static String randomTraceHex() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] = 1;
        return HexFormat.of().formatHex(id);
    }
}
