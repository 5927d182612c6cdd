package dev.evalplane.trace.otlp;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.util.JsonFormat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * Seeded random OTLP export requests for comparing the door's records across implementations: every AnyValue kind,
 * nested kvlists and arrays, bytes, empty values, repeated keys, the conventions' keys (MLflow, GenAI, OpenInference,
 * trace tags), JSON-encoded and plain strings, unknown fields, missing fields, zero and short ids, times and token
 * counts the validation refuses, and now and then a value too large for one record.
 */
final class RandomOtlpRequests {

    private static final String[] KEYS = {"mlflow.spanType", "mlflow.spanInputs", "mlflow.spanOutputs",
        "mlflow.experimentId", "mlflow.traceRequestId", "mlflow.chat.tokenUsage", "mlflow.llm.model",
        "mlflow.llm.provider", "mlflow.traceTag.team", "mlflow.traceTag.mlflow.trace.spansLocation",
        "mlflow.traceTag.", "mlflow.spanFunctionName", "session.id", "user.id", "gen_ai.conversation.id",
        "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.system", "gen_ai.response.model",
        "gen_ai.request.model", "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens",
        "gen_ai.usage.output_tokens", "gen_ai.usage.total_tokens", "gen_ai.usage.cache_read.input_tokens",
        "gen_ai.usage.reasoning_tokens", "gen_ai.input.messages", "gen_ai.output.messages",
        "gen_ai.tool.call.arguments", "gen_ai.tool.call.result", "openinference.span.kind", "llm.provider",
        "llm.system", "llm.model_name", "llm.response.model_name", "embedding.model_name", "llm.token_count.prompt",
        "llm.token_count.completion", "llm.token_count.total", "llm.token_count.prompt_details.cache_read",
        "input.value", "input.mime_type", "output.value", "output.mime_type", "http.method", "k", "", "é.ключ",
        "nul\u0000key"};
    private static final String[] TEXTS = {"", " ", "LLM", "CHAT_MODEL", "chat", "tool", "llm", "openai",
        "gpt-4o", "text/plain", "application/json", "12", " 7 ", "-3", "1.5", "1E+3", "1000000000001", "true",
        "null", "false", "{\"a\": 1, \"b\": [1, 2.50, \"x\"]}", "[{\"role\": \"user\", \"content\": \"hi\"}]",
        "{\"input_tokens\": 10, \"output_tokens\": \"5\", \"total_tokens\": 15.0}", "{\"input_tokens\": -1}",
        "\"quoted\"", "{bad", "[1, 2", "{} trailing", "tru", "nan", "héllo wörld ✓", "line\nbreak\ttab",
        "nul\u0000inside", "\ud83d\ude00 emoji", "  {\"padded\": true}  "};

    private final Random random;
    /** Whether this request may hold what the door refuses (bad ids or times, an oversized value). */
    private boolean faulty;

    RandomOtlpRequests(long seed) {
        this.random = new Random(seed);
    }

    ExportTraceServiceRequest next() {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        faulty = random.nextInt(4) == 0;
        int resources = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2);
        for (int r = 0; r < resources; r++) {
            ResourceSpans.Builder resource = ResourceSpans.newBuilder().setSchemaUrl(maybeText());
            if (random.nextBoolean()) {
                resource.setResource(Resource.newBuilder().addAllAttributes(attributes(3))
                        .setDroppedAttributesCount(random.nextInt(3)));
            }
            int scopes = 1 + random.nextInt(2);
            for (int s = 0; s < scopes; s++) {
                ScopeSpans.Builder scope = ScopeSpans.newBuilder();
                if (random.nextBoolean()) {
                    scope.setScope(InstrumentationScope.newBuilder().setName("scope").setVersion("1")
                            .addAllAttributes(attributes(2)));
                }
                int spans = random.nextInt(6);
                for (int i = 0; i < spans; i++) {
                    scope.addSpans(span());
                }
                resource.addScopeSpans(unknownFieldsMaybe(scope));
            }
            request.addResourceSpans(resource);
        }
        return request.build();
    }

    /** The request in OTLP/JSON (hex ids), with an unknown key now and then, which receivers ignore. */
    byte[] json(ExportTraceServiceRequest request) {
        try {
            ObjectNode tree = (ObjectNode) OtlpFixtures.JSON.readTree(JsonFormat.printer().print(request));
            base64IdsToHex(tree);
            if (random.nextBoolean()) {
                tree.put("unknownKey", "ignored");
            }
            return OtlpFixtures.JSON.writeValueAsBytes(tree);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void base64IdsToHex(JsonNode node) {
        if (node.isArray()) {
            node.forEach(RandomOtlpRequests::base64IdsToHex);
        } else if (node instanceof ObjectNode object) {
            for (String id : List.of("traceId", "spanId", "parentSpanId")) {
                if (object.get(id) instanceof TextNode text) {
                    object.put(id, HexFormat.of().formatHex(Base64.getDecoder().decode(text.asText())));
                }
            }
            object.forEach(RandomOtlpRequests::base64IdsToHex);
        }
    }

    private Span span() {
        Span.Builder span = Span.newBuilder()
                .setTraceId(id(16))
                .setSpanId(id(8))
                .setName(random.nextInt(30) == 0 ? "n".repeat(300) : text())
                .setKind(Span.SpanKind.forNumber(random.nextInt(6)))
                .setStartTimeUnixNano(time())
                .setEndTimeUnixNano(faulty ? time() : 1_700_000_001_000_000_000L + random.nextInt(1_000_000))
                .addAllAttributes(attributes(12))
                .setDroppedAttributesCount(random.nextInt(2))
                .setTraceState(maybeText())
                .setFlags(random.nextInt(512));
        if (random.nextInt(3) > 0) {
            span.setParentSpanId(id(8));
        }
        if (random.nextInt(4) > 0) {
            span.setStatus(Status.newBuilder().setCodeValue(random.nextInt(4)).setMessage(maybeText()));
        }
        int events = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        for (int e = 0; e < events; e++) {
            span.addEvents(Span.Event.newBuilder().setName(text()).setTimeUnixNano(time())
                    .addAllAttributes(attributes(4)).setDroppedAttributesCount(random.nextInt(2)));
        }
        if (random.nextInt(5) == 0) {
            span.addLinks(Span.Link.newBuilder().setTraceId(id(16)).setSpanId(id(8)).addAllAttributes(attributes(2)));
        }
        if (faulty && random.nextInt(15) == 0) {
            span.addAttributes(KeyValue.newBuilder().setKey("big")
                    .setValue(AnyValue.newBuilder().setStringValue("x".repeat(1_100_000))));
        }
        return unknownFieldsMaybe(span).build();
    }

    private <B extends com.google.protobuf.Message.Builder> B unknownFieldsMaybe(B builder) {
        if (random.nextInt(4) == 0) {
            builder.setUnknownFields(UnknownFieldSet.newBuilder()
                    .addField(90 + random.nextInt(10), UnknownFieldSet.Field.newBuilder()
                            .addVarint(random.nextLong()).addFixed32(random.nextInt()).addFixed64(random.nextLong())
                            .addLengthDelimited(ByteString.copyFromUtf8(text())).build())
                    .build());
        }
        return builder;
    }

    /** Mostly a valid id; sometimes empty, all zeros or of the wrong length. */
    private ByteString id(int length) {
        int dice = faulty ? random.nextInt(12) : 3;
        if (dice == 0) {
            return ByteString.EMPTY;
        }
        if (dice == 1) {
            return ByteString.copyFrom(new byte[length]);
        }
        byte[] bytes = new byte[dice == 2 ? length + 1 : length];
        random.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }

    private long time() {
        return switch (faulty ? random.nextInt(12) : 2) {
            case 0 -> 0;
            case 1 -> -random.nextInt(1000);
            default -> 1_700_000_000_000_000_000L + random.nextInt(1_000_000);
        };
    }

    private List<KeyValue> attributes(int max) {
        int count = random.nextInt(max + 1);
        List<KeyValue> attributes = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            attributes.add(keyValue(0));
        }
        return attributes;
    }

    private KeyValue keyValue(int depth) {
        String key = random.nextInt(5) == 0 ? "attr." + random.nextInt(5) : KEYS[random.nextInt(KEYS.length)];
        KeyValue.Builder kv = KeyValue.newBuilder().setKey(key);
        if (random.nextInt(25) > 0) {
            kv.setValue(value(depth));
        }
        return kv.build();
    }

    private AnyValue value(int depth) {
        AnyValue.Builder value = AnyValue.newBuilder();
        switch (random.nextInt(depth < 3 ? 9 : 6)) {
            case 0, 1 -> value.setStringValue(text());
            case 2 -> value.setBoolValue(random.nextBoolean());
            case 3 -> value.setIntValue(random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(2000) - 100);
            case 4 -> value.setDoubleValue(switch (random.nextInt(8)) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                case 2 -> Double.NEGATIVE_INFINITY;
                case 3 -> -0.0;
                case 4 -> 1e300;
                case 5 -> 12.0;
                default -> random.nextDouble() * 1000;
            });
            case 5 -> {
                if (random.nextBoolean()) {
                    byte[] bytes = new byte[random.nextInt(20)];
                    random.nextBytes(bytes);
                    value.setBytesValue(ByteString.copyFrom(bytes));
                }
            }
            case 6 -> {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.addValues(value(depth + 1));
                }
                value.setArrayValue(array);
            }
            default -> {
                KeyValueList.Builder list = KeyValueList.newBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.addValues(keyValue(depth + 1));
                }
                value.setKvlistValue(list);
            }
        }
        return value.build();
    }

    private String text() {
        return random.nextInt(6) == 0 ? "t" + random.nextInt(100) : TEXTS[random.nextInt(TEXTS.length)];
    }

    private String maybeText() {
        return random.nextBoolean() ? "" : text();
    }
}
