package dev.evalplane.trace.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

import dev.evalplane.trace.otlp.OtlpIngestException.Kind;
import dev.evalplane.trace.otlp.decoding.OtlpJsonDecoder;
import dev.evalplane.trace.otlp.decoding.OtlpMediaType;
import dev.evalplane.trace.otlp.decoding.OtlpRequestDecoder;
import dev.evalplane.trace.otlp.mapping.IngestContext;
import dev.evalplane.trace.otlp.mapping.OtlpSpanMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;

/** Encodings, compression, limits and the reasons given for rejecting a payload. */
class OtlpRequestDecoderTests {

    private static final int LIMIT = 64 * 1024;
    private final OtlpRequestDecoder decoder = new OtlpRequestDecoder(new OtlpJsonDecoder(OtlpFixtures.JSON), LIMIT);
    private final OtlpSpanMapper mapper = new OtlpSpanMapper();

    @Test
    void contentTypeParametersAreIgnoredAndOthersAre415() {
        assertThat(OtlpMediaType.fromContentType("application/json; charset=utf-8")).isEqualTo(OtlpMediaType.JSON);
        assertThat(OtlpMediaType.fromContentType("Application/X-Protobuf")).isEqualTo(OtlpMediaType.PROTOBUF);
        assertRejected(() -> OtlpMediaType.fromContentType("text/plain"), Kind.UNSUPPORTED_MEDIA_TYPE, "text/plain");
        assertRejected(() -> OtlpMediaType.fromContentType(null), Kind.UNSUPPORTED_MEDIA_TYPE, "missing");
    }

    @Test
    void gzipAndDeflateBodiesAreInflated() {
        byte[] json = OtlpFixtures.bytes("tool.request.json");

        ExportTraceServiceRequest request = decoder.decode(OtlpBytes.gzip(json), OtlpMediaType.JSON, "gzip");

        assertThat(request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getName())
                .isEqualTo("execute_tool get_weather");
        assertRejected(() -> decoder.decode(json, OtlpMediaType.JSON, "br"), Kind.UNSUPPORTED_MEDIA_TYPE, "br");
        assertRejected(() -> decoder.decode(json, OtlpMediaType.JSON, "gzip"), Kind.MALFORMED, "not valid gzip");
    }

    @Test
    void bodiesOverTheLimitAre413BeforeAndAfterInflating() {
        byte[] zeros = new byte[LIMIT + 1];

        assertRejected(() -> decoder.decode(zeros, OtlpMediaType.PROTOBUF, null), Kind.TOO_LARGE, "65537 bytes");
        byte[] bomb = OtlpBytes.gzip(new byte[LIMIT * 16]);
        assertThat(bomb.length).isLessThan(LIMIT);
        assertRejected(() -> decoder.decode(bomb, OtlpMediaType.PROTOBUF, "gzip"), Kind.TOO_LARGE,
                "once decompressed");
    }

    @Test
    void malformedJsonSaysWhatIsWrong() {
        assertRejected(() -> json("{\"resourceSpans\": ["), Kind.MALFORMED, "not valid JSON");
        assertRejected(() -> json("[]"), Kind.MALFORMED, "JSON object");
        assertRejected(() -> json("{\"resourceSpans\": 5}"), Kind.MALFORMED, "ExportTraceServiceRequest");
        assertRejected(() -> json("""
                {"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "not-hex", "spanId": "b7ad6b7169203331"}]}]}]}
                """), Kind.MALFORMED, "$.resourceSpans[0].scopeSpans[0].spans[0].traceId must be a hex-encoded id");
    }

    @Test
    void unknownJsonFieldsAreIgnored() {
        ExportTraceServiceRequest request = json("""
                {"resourceSpans": [{"futureField": 1, "scopeSpans": [{"spans": [
                  {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331", "name": "x",
                   "flags": 257, "somethingNew": {"a": 1}}]}]}]}
                """);

        assertThat(request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getName()).isEqualTo("x");
    }

    @Test
    void invalidProtobufIs400() {
        byte[] garbage = "this is not protobuf".getBytes(StandardCharsets.UTF_8);

        assertRejected(() -> decoder.decode(garbage, OtlpMediaType.PROTOBUF, null), Kind.MALFORMED,
                "not a protobuf ExportTraceServiceRequest");
    }

    @Test
    void idsOfTheWrongLengthOrAllZeroAre400WithTheirPath() {
        ExportTraceServiceRequest shortTrace = OtlpBytes.request(Span.newBuilder()
                .setTraceId(OtlpBytes.hex("0af7651916cd43dd")).setSpanId(OtlpBytes.hex("b7ad6b7169203331")).build());
        ExportTraceServiceRequest zeroSpan = OtlpBytes.request(valid(), Span.newBuilder()
                .setTraceId(OtlpBytes.hex("0af7651916cd43dd8448eb211c80319c"))
                .setSpanId(OtlpBytes.hex("0000000000000000")).build());
        ExportTraceServiceRequest badParent = OtlpBytes.request(valid().toBuilder()
                .setParentSpanId(OtlpBytes.hex("01")).build());

        IngestContext context = IngestContext.of(null, null);
        assertRejected(() -> mapper.map(shortTrace, context), Kind.MALFORMED,
                "resourceSpans[0].scopeSpans[0].spans[0].traceId must be 16 bytes, got 8");
        assertRejected(() -> mapper.map(zeroSpan, context), Kind.MALFORMED,
                "resourceSpans[0].scopeSpans[0].spans[1].spanId must not be all zeros");
        assertRejected(() -> mapper.map(badParent, context), Kind.MALFORMED, "parentSpanId must be 8 bytes, got 1");
    }

    private static Span valid() {
        return Span.newBuilder().setTraceId(OtlpBytes.hex("0af7651916cd43dd8448eb211c80319c"))
                .setSpanId(OtlpBytes.hex("b7ad6b7169203331")).build();
    }

    private ExportTraceServiceRequest json(String body) {
        return decoder.decode(body.getBytes(StandardCharsets.UTF_8), OtlpMediaType.JSON, null);
    }

    private static AbstractThrowableAssert<?, ?> assertRejected(Runnable call, Kind kind, String detail) {
        return assertThatThrownBy(call::run).isInstanceOfSatisfying(OtlpIngestException.class,
                e -> assertThat(e.kind()).isEqualTo(kind)).hasMessageContaining(detail);
    }
}
