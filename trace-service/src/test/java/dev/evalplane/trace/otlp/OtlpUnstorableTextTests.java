package dev.evalplane.trace.otlp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Text PostgreSQL cannot hold (NUL, lone surrogates, invalid UTF-8, NaN) in an OTLP span: a 200 means the span is
 * stored, with U+FFFD in place of what could not be (issue 12 item 4a; before, it was acked and dead-lettered).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class OtlpUnstorableTextTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long START_NS = 1_732_600_000_000_000_000L;

    @Test
    void protobufSpanWithNulInvalidUtf8AndNaNIsStored() {
        String hex = randomHex(16);
        Span span = Span.newBuilder().setTraceId(OtlpBytes.hex(hex)).setSpanId(OtlpBytes.hex(randomHex(8)))
                .setName("chat\u0000model").setStartTimeUnixNano(START_NS).setEndTimeUnixNano(START_NS + 1_000_000)
                .addAttributes(text("key\u0000nul", "value\u0000nul"))
                .addAttributes(KeyValue.newBuilder().setKey("ratio").setValue(AnyValue.newBuilder().setDoubleValue(Double.NaN)))
                .addEvents(Span.Event.newBuilder().setName("event\u0000").setTimeUnixNano(START_NS + 10)
                        .addAttributes(text("k", "\u0000")))
                .build();
        given().contentType("application/x-protobuf").header("x-mlflow-experiment-id", "exp\u0000nul")
                .body(OtlpBytes.request(span).toByteArray()).post("/v1/traces").then().statusCode(200);

        JsonPath trace = stored("tr-" + hex);
        assertThat(trace.getString("spans[0].name")).isEqualTo("chat\uFFFDmodel");
        Map<String, Object> attributes = trace.getMap("spans[0].attributes");
        assertThat(attributes).containsEntry("key\uFFFDnul", "value\uFFFDnul").containsEntry("ratio", "NaN");
        assertThat(trace.getString("spans[0].events[0].name")).isEqualTo("event\uFFFD");
    }

    @Test
    void protobufStringThatIsNotUtf8IsRefusedOrStoredNeverDropped() {
        String hex = randomHex(16);
        Span span = Span.newBuilder().setTraceId(OtlpBytes.hex(hex)).setSpanId(OtlpBytes.hex(randomHex(8)))
                .setName("ok#%").setStartTimeUnixNano(START_NS).setEndTimeUnixNano(START_NS + 1_000_000).build();
        byte[] body = OtlpBytes.request(span).toByteArray();
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("ok#%");
        body[at + 2] = (byte) 0xC3;
        body[at + 3] = 0x28;
        int status = given().contentType("application/x-protobuf").body(body).post("/v1/traces").then().extract()
                .statusCode();
        assertThat(status).isIn(200, 400);
        if (status == 200) {
            assertThat(stored("tr-" + hex).getString("spans[0].name")).isEqualTo("ok\uFFFD(");
        }
    }

    @Test
    void jsonSpanWithNulAndLoneSurrogatesIsStored() {
        String hex = randomHex(16);
        String body = """
                {"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "%s", "spanId": "%s",
                  "name": "a\\u0000b\\ud800", "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
                  "attributes": [{"key": "k\\u0000", "value": {"stringValue": "\\udc00x\\u0000"}},
                                 {"key": "mlflow.spanInputs", "value": {"stringValue": "{\\"q\\": \\"\\\\u0000\\"}"}}]
                }]}]}]}
                """.formatted(hex, randomHex(8), START_NS, START_NS + 1_000_000);
        given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).post("/v1/traces").then()
                .statusCode(200);

        JsonPath trace = stored("tr-" + hex);
        assertThat(trace.getString("spans[0].name")).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(trace.getMap("spans[0].attributes")).containsEntry("k\uFFFD", "\uFFFDx\uFFFD");
    }

    /** NUL and lone surrogates everywhere else an OTLP body carries text: a 200 still means stored. */
    @Test
    void jsonNulInResourceScopeEventsLinksNestedValuesAndTraceFieldsIsStored() {
        String hex = randomHex(16);
        String nul = "x\\u0000\\ud800";
        String body = """
                {"resourceSpans": [{"resource": {"attributes": [
                    {"key": "service.name\\u0000", "value": {"stringValue": "%1$s"}},
                    {"key": "mlflow.experimentId", "value": {"stringValue": "exp%1$s"}},
                    {"key": "nested", "value": {"kvlistValue": {"values": [{"key": "k\\u0000",
                        "value": {"arrayValue": {"values": [{"stringValue": "%1$s"}]}}}]}}}]},
                  "scopeSpans": [{"scope": {"name": "scope%1$s", "version": "%1$s",
                      "attributes": [{"key": "%1$s", "value": {"stringValue": "%1$s"}}]},
                    "spans": [{"traceId": "%2$s", "spanId": "%3$s", "traceState": "a=%1$s",
                      "name": "root", "startTimeUnixNano": "%4$d", "endTimeUnixNano": "%5$d",
                      "attributes": [
                        {"key": "mlflow.traceTag.tag%1$s", "value": {"stringValue": "%1$s"}},
                        {"key": "session.id", "value": {"stringValue": "%1$s"}},
                        {"key": "user.id", "value": {"stringValue": "%1$s"}},
                        {"key": "gen_ai.request.model", "value": {"stringValue": "model%1$s"}},
                        {"key": "gen_ai.system", "value": {"stringValue": "openai%1$s"}},
                        {"key": "list", "value": {"arrayValue": {"values": [{"stringValue": "%1$s"},
                            {"kvlistValue": {"values": [{"key": "%1$s", "value": {"stringValue": "%1$s"}}]}}]}}}],
                      "events": [{"name": "%1$s", "timeUnixNano": "%4$d", "attributes": [
                        {"key": "exception.message%1$s", "value": {"stringValue": "%1$s"}},
                        {"key": "deep", "value": {"kvlistValue": {"values": [{"key": "%1$s",
                            "value": {"stringValue": "%1$s"}}]}}}]}],
                      "links": [{"traceId": "%2$s", "spanId": "%3$s", "traceState": "%1$s",
                        "attributes": [{"key": "%1$s", "value": {"stringValue": "%1$s"}}]}],
                      "status": {"code": "STATUS_CODE_ERROR", "message": "%1$s"}}]}]}]}
                """.formatted(nul, hex, randomHex(8), START_NS, START_NS + 1_000_000);
        int status = given().contentType("application/json").header("x-mlflow-experiment-id", "e")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/v1/traces").then().extract().statusCode();
        assertThat(status).as("accepted means stored, otherwise refused up front").isIn(200, 400);
        if (status == 200) {
            JsonPath trace = stored("tr-" + hex);
            assertThat(trace.getString("info.tags.'tag" + "x\uFFFD\uFFFD" + "'")).isEqualTo("x\uFFFD\uFFFD");
            assertThat(trace.getString("spans[0].events[0].name")).isEqualTo("x\uFFFD\uFFFD");
            assertThat(trace.getString("spans[0].status.message")).isEqualTo("x\uFFFD\uFFFD");
            assertThat(trace.prettify()).doesNotContain("\\u0000");
        }
    }

    @Test
    void jsonBodyThatIsNotUtf8IsRefusedOrStoredNeverDropped() {
        String hex = randomHex(16);
        byte[] body = ("""
                {"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "%s", "spanId": "%s",
                  "name": "@@", "startTimeUnixNano": "%d", "endTimeUnixNano": "%d"}]}]}]}
                """.formatted(hex, randomHex(8), START_NS, START_NS + 1_000_000)).getBytes(StandardCharsets.UTF_8);
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("@@");
        body[at] = (byte) 0xC3;
        body[at + 1] = 0x28;
        int status = given().contentType("application/json").body(body).post("/v1/traces").then().extract()
                .statusCode();
        assertThat(status).isIn(200, 400);
        if (status == 200) {
            assertThat(stored("tr-" + hex).getString("spans[0].name")).isEqualTo("\uFFFD(");
        }
    }

    private static JsonPath stored(String traceId) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200));
        return given().get("/api/v1/traces/" + traceId).then().statusCode(200).extract().jsonPath();
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
