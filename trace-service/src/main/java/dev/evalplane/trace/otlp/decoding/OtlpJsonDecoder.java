package dev.evalplane.trace.otlp.decoding;

import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import dev.evalplane.trace.otlp.OtlpIngestException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Decodes the OTLP/JSON encoding. It is the proto3 JSON mapping with one exception: trace and span ids are hex
 * strings, not base64. Ids are rewritten to base64 in the JSON tree, then protobuf's JsonFormat builds the request
 * (it accepts camelCase and snake_case keys, int64 as strings or numbers, enums as names or integers). Unknown
 * fields are ignored, as OTLP requires of receivers.
 */
public final class OtlpJsonDecoder {

    /** Every OTLP JSON key holding a trace or span id (spans, span links; camelCase and the proto names). */
    private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id",
            "parent_span_id");
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final ObjectMapper mapper;

    public OtlpJsonDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ExportTraceServiceRequest decode(byte[] body) {
        JsonNode tree;
        try {
            tree = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            throw OtlpIngestException.malformed("body is not valid JSON: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            throw OtlpIngestException.malformed("body must be a JSON object (an OTLP ExportTraceServiceRequest)");
        }
        hexIdsToBase64(tree, "$");
        ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
        try {
            PARSER.merge(mapper.writeValueAsString(tree), builder);
        } catch (InvalidProtocolBufferException | JsonProcessingException | RuntimeException e) {
            throw OtlpIngestException.malformed("body is not an OTLP/JSON ExportTraceServiceRequest: " + firstLine(e));
        }
        return builder.build();
    }

    private static void hexIdsToBase64(JsonNode node, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                hexIdsToBase64(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String fieldPath = path + "." + field.getKey();
                if (ID_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                    field.setValue(new TextNode(hexToBase64(field.getValue().asText(), fieldPath)));
                } else {
                    hexIdsToBase64(field.getValue(), fieldPath);
                }
            }
        }
    }

    private static String hexToBase64(String hex, String path) {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw OtlpIngestException.malformed(path + " must be a hex-encoded id (OTLP/JSON), got '"
                    + abbreviate(hex) + "'");
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
