package dev.evalplane.bench;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * The benchmark's synthetic spans as an OpenTelemetry SDK exports them ({@code ExportTraceServiceRequest} protobuf):
 * MLflow's span type, inputs and outputs attributes, and on LLM spans the GenAI semantic conventions (provider,
 * model, token usage) that both evalplane and MLflow read.
 */
final class OtlpRequests {

    private static final HexFormat HEX = HexFormat.of();

    /** Requests of {@code perRequest} spans each (whole traces stay in one request when perRequest is a multiple). */
    static List<byte[]> of(List<SpanEvent> spans, int perRequest) {
        List<byte[]> requests = new ArrayList<>();
        for (int from = 0; from < spans.size(); from += perRequest) {
            ScopeSpans.Builder scope = ScopeSpans.newBuilder();
            for (SpanEvent span : spans.subList(from, Math.min(spans.size(), from + perRequest))) {
                scope.addSpans(span(span));
            }
            requests.add(ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build().toByteArray());
        }
        return requests;
    }

    private static Span span(SpanEvent s) {
        Span.Builder span = Span.newBuilder().setTraceId(bytes(s.traceId().substring(3))).setSpanId(bytes(s.spanId()))
                .setName(s.name()).setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
                .setStartTimeUnixNano(s.startTimeNs()).setEndTimeUnixNano(s.endTimeNs())
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK));
        if (!s.isRoot()) {
            span.setParentSpanId(bytes(s.parentSpanId()));
        }
        for (Map.Entry<String, JsonNode> a : s.attributes().entrySet()) {
            JsonNode v = a.getValue();
            span.addAttributes(v.isIntegralNumber() ? number(a.getKey(), v.longValue()) : text(a.getKey(), v.asText()));
        }
        span.addAttributes(text(MlflowKeys.SPAN_INPUTS, s.inputs().toString()));
        span.addAttributes(text(MlflowKeys.SPAN_OUTPUTS, s.outputs().toString()));
        if (s.llm() != null) {
            span.addAttributes(text("gen_ai.operation.name", "chat"))
                    .addAttributes(text("gen_ai.system", s.llm().provider()))
                    .addAttributes(text("gen_ai.request.model", s.llm().model()))
                    .addAttributes(number("gen_ai.usage.input_tokens", s.llm().usage().inputTokens()))
                    .addAttributes(number("gen_ai.usage.output_tokens", s.llm().usage().outputTokens()));
        }
        return span.build();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HEX.parseHex(hex));
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue number(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    private OtlpRequests() {
    }
}
