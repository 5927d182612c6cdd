package dev.evalplane.trace.otlp.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.LlmCall;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanStatus;
import dev.evalplane.events.TokenUsage;

/**
 * {@link SpanEventJson} writes exactly the bytes of Jackson's bean serializer with the events' JSON rules (what the
 * door wrote before, what every consumer of {@code spans} reads): fixed shapes at the edges (nulls everywhere,
 * unicode and escapes, big and exact numbers, every usage part) and seeded random spans mixing them.
 */
class SpanEventJsonTests {

    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final SpanEventJson WRITER = new SpanEventJson(MAPPER);

    @ParameterizedTest
    @MethodSource("shapes")
    void writesTheBeanSerializersBytes(SpanEvent event) throws Exception {
        byte[] expected = MAPPER.writeValueAsBytes(event);
        assertThat(new String(WRITER.write(event), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(WRITER.write(event)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("randomSeeds")
    void writesTheBeanSerializersBytesForRandomSpans(long seed) throws Exception {
        SpanEvent event = randomSpan(new Random(seed));
        assertThat(new String(WRITER.write(event), StandardCharsets.UTF_8))
                .isEqualTo(new String(MAPPER.writeValueAsBytes(event), StandardCharsets.UTF_8));
    }

    @Test
    void oneWriterOfManyRecordsWritesEachAsAWriterOfItsOwn() throws Exception {
        List<SpanEvent> events = Stream.concat(shapes(), randomSeeds().mapToObj(seed -> randomSpan(new Random(seed))))
                .toList();
        try (SpanEventJson.Writer writer = WRITER.writer()) {
            for (SpanEvent event : events) {
                assertThat(new String(writer.write(event), StandardCharsets.UTF_8))
                        .isEqualTo(new String(MAPPER.writeValueAsBytes(event), StandardCharsets.UTF_8));
            }
        }
    }

    static Stream<SpanEvent> shapes() {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        attributes.put("text", JSON.textNode("héllo \"quoted\" \\ back\nline\ttab \u0001 \u2028 😀 中文"));
        attributes.put("int", JSON.numberNode(42));
        attributes.put("long", JSON.numberNode(Long.MIN_VALUE));
        attributes.put("big", JSON.numberNode(new BigInteger("123456789012345678901234567890")));
        attributes.put("decimal", JSON.numberNode(new BigDecimal("1E+3")));
        attributes.put("small decimal", JSON.numberNode(new BigDecimal("0.000000001234")));
        attributes.put("double", JSON.numberNode(1.0e300));
        attributes.put("float", JSON.numberNode(0.1f));
        attributes.put("true", JSON.booleanNode(true));
        attributes.put("json null", JSON.nullNode());
        attributes.put("java null", null);
        attributes.put("", JSON.textNode(""));
        attributes.put("key \"with\" \u00e9 and 😀", JSON.arrayNode().add(1).add("two").addNull()
                .add(JSON.objectNode().put("nested", "value")));
        attributes.put("binary", JSON.binaryNode(new byte[] {0, 1, 2, (byte) 255}));
        attributes.put("empty object", JSON.objectNode());
        attributes.put("empty array", JSON.arrayNode());
        ObjectNode event = JSON.objectNode().put("name", "exception").put("time_unix_nano", 1_700_000_000_000_000_001L);
        event.putObject("attributes").put("exception.message", "boom ✗").putNull("nothing");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlflow.traceName", "root ☃");
        tags.put("null tag", null);
        return Stream.of(
                new SpanEvent(1, null, null, null, null, null, 0, 0, null, null, null, null, null, null, null, null,
                        null),
                new SpanEvent(1, "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "", "", "UNKNOWN",
                        Long.MIN_VALUE, Long.MAX_VALUE, SpanStatus.UNSET, Map.of(), JSON.nullNode(),
                        JSON.missingNode(), List.of(), "0", Map.of(), Map.of(), new LlmCall(null, null, null)),
                new SpanEvent(7, "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "00f067aa0ba902b7",
                        "chat gpt-4o ✓", "LLM", 1_700_000_000_000_000_000L, 1_700_000_000_123_456_789L,
                        SpanStatus.error("failed: \"quota\"\n😀"), attributes, JSON.textNode("plain input"),
                        JSON.objectNode().put("choices", 1).set("raw", JSON.arrayNode().add(1.5).add(BigDecimal.TEN)),
                        Arrays.asList(event, null, JSON.objectNode()), "12345678901234567890", tags, tags,
                        new LlmCall("openai", "gpt-4o-2024-08-06",
                                new TokenUsage(Long.MAX_VALUE, 0L, null, 5L, 6L, 7L, 8L))),
                new SpanEvent(1, "t", "s", null, "n", "CHAIN", 1, 2, new SpanStatus(null, "only a message"),
                        new HashMap<>(Map.of("a", JSON.numberNode(-0.0))), null, null, null, null, null, null,
                        new LlmCall(null, "model", TokenUsage.of(10, 20))),
                new SpanEvent(1, "t", "s", "p", "n", "LLM", 1, 2, SpanStatus.OK, Map.of(), null, null, List.of(), "0",
                        Map.of(), Map.of(), new LlmCall("anthropic", null,
                                new TokenUsage(null, null, null, null, null, null, null))));
    }

    static IntStream randomSeeds() {
        return IntStream.range(0, 300);
    }

    private static SpanEvent randomSpan(Random random) {
        return new SpanEvent(random.nextInt(), maybe(random, () -> text(random)), maybe(random, () -> text(random)),
                maybe(random, () -> text(random)), maybe(random, () -> text(random)), maybe(random, () -> text(random)),
                random.nextLong(), random.nextLong(),
                maybe(random, () -> new SpanStatus(maybe(random, () -> text(random)), maybe(random, () -> text(random)))),
                maybe(random, () -> nodeMap(random, 3)), maybe(random, () -> node(random, 3)),
                maybe(random, () -> node(random, 3)), maybe(random, () -> nodeList(random, 3)),
                maybe(random, () -> text(random)), maybe(random, () -> textMap(random)),
                maybe(random, () -> textMap(random)), maybe(random, () -> llm(random)));
    }

    private static LlmCall llm(Random random) {
        return new LlmCall(maybe(random, () -> text(random)), maybe(random, () -> text(random)),
                maybe(random, () -> new TokenUsage(count(random), count(random), count(random), count(random),
                        count(random), count(random), count(random))));
    }

    private static Long count(Random random) {
        return maybe(random, () -> random.nextBoolean() ? (long) random.nextInt(100_000) : random.nextLong());
    }

    private static Map<String, String> textMap(Random random) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            map.put(text(random), maybe(random, () -> text(random)));
        }
        return map;
    }

    private static Map<String, JsonNode> nodeMap(Random random, int depth) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            map.put(text(random), maybe(random, () -> node(random, depth)));
        }
        return map;
    }

    private static List<JsonNode> nodeList(Random random, int depth) {
        List<JsonNode> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            list.add(maybe(random, () -> node(random, depth)));
        }
        return list;
    }

    private static JsonNode node(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 11 : 9)) {
            case 0:
                return JSON.textNode(text(random));
            case 1:
                return JSON.numberNode(random.nextInt());
            case 2:
                return JSON.numberNode(random.nextLong());
            case 3:
                return JSON.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4:
                return JSON.numberNode(new BigDecimal(new BigInteger(80, random), random.nextInt(40) - 20));
            case 5:
                return JSON.numberNode(new BigInteger(100, random).negate());
            case 6:
                return JSON.booleanNode(random.nextBoolean());
            case 7:
                return JSON.nullNode();
            case 8:
                return JSON.numberNode(random.nextFloat());
            case 9: {
                ObjectNode object = JSON.objectNode();
                nodeMap(random, depth - 1).forEach(object::set);
                return object;
            }
            default: {
                ArrayNode array = JSON.arrayNode();
                nodeList(random, depth - 1).forEach(array::add);
                return array;
            }
        }
    }

    private static final String[] PIECES = {"a", "span", "LLM", " ", "\"", "\\", "\n", "\t", "\r", "\u0000", "\u001f",
        "\u007f", "é", "中", "😀", "\u2028", "/", "</script>", "mlflow.spanInputs", "{\"json\": [1, 2]}"};

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        if (random.nextInt(20) == 0) {
            text.append("x".repeat(random.nextInt(10_000)));
        }
        return text.toString();
    }

    private static <T> T maybe(Random random, Supplier<T> value) {
        return random.nextInt(5) == 0 ? null : value.get();
    }
}
