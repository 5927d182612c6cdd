package dev.evalplane.bench.badinput;

import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.EventJson;

/** OTLP/JSON export requests (the wire format of POST /v1/traces) built span by span. */
final class OtlpJson {

    private static final long START_NS = 1_767_225_600_000_000_000L;

    private final ObjectNode request = EventJson.mapper().createObjectNode();
    private final ArrayNode spans;
    private final String traceHex;

    OtlpJson(String traceHex) {
        this.traceHex = traceHex;
        ObjectNode resourceSpans = request.putArray("resourceSpans").addObject();
        resourceSpans.putObject("resource").putArray("attributes").addObject().put("key", "service.name")
                .putObject("value").put("stringValue", "bench");
        ObjectNode scope = resourceSpans.putArray("scopeSpans").addObject();
        scope.putObject("scope").put("name", "bench");
        spans = scope.putArray("spans");
    }

    static String spanHex(int index) {
        return HexFormat.of().toHexDigits((long) index + 1);
    }

    /** A span; {@code parent} &lt; 0 for the root. Attribute values are sent as OTLP string values. */
    OtlpJson span(int index, int parent, String name, Map<String, String> attributes) {
        ObjectNode span = spans.addObject().put("traceId", traceHex).put("spanId", spanHex(index)).put("name", name)
                .put("startTimeUnixNano", Long.toString(START_NS + index * 1000L))
                .put("endTimeUnixNano", Long.toString(START_NS + index * 1000L + 500_000L));
        if (parent >= 0) {
            span.put("parentSpanId", spanHex(parent));
        }
        ArrayNode list = span.putArray("attributes");
        attributes.forEach((k, v) -> list.addObject().put("key", k).putObject("value").put("stringValue", v));
        span.putObject("status").put("code", "STATUS_CODE_OK");
        return this;
    }

    String traceId() {
        return "tr-" + traceHex;
    }

    @Override
    public String toString() {
        return request.toString();
    }
}
