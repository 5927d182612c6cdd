package dev.evalplane.cost.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.evalplane.cost.Spans;
import dev.evalplane.events.LlmCall;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.testsupport.BorderlineSpanRecords;
import dev.evalplane.testsupport.BorderlineSpanRecords.Outcome;
import dev.evalplane.testsupport.BorderlineSpanRecords.Row;

/**
 * {@link LlmBlockFilter} never keeps a span the full reading would price from being read: every record that
 * {@code SpanValidation.readCall} reads with a non-null {@code llm} block passes the filter, whatever its spelling;
 * and the spans producers write without one ({@code "llm":null}, or no {@code llm} at all) are recognised.
 */
class LlmBlockFilterTests {

    private static final String TRACE = "tr-0123456789abcdef0123456789abcdef";
    private static final String SPAN = "1a2b3c4d5e6f7a8b";

    /** The full path: what cost-service prices when nothing is filtered. */
    private static boolean priced(byte[] value) {
        try {
            return SpanCostConsumer.readLlmSpan(value).isPresent();
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private static boolean passes(byte[] value) {
        return LlmBlockFilter.mayHaveLlmBlock(value, 0, value.length);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String llmSpan(TokenUsage usage) {
        return Spans.json(Spans.llm(TRACE, SPAN, null, "openai", "gpt-4.1-mini", usage));
    }

    /** An LLM span as a producer writes it, with {@code "llm":{...}} spelled as {@code block}. */
    private static String withLlm(String block) {
        return Spans.json(Spans.plain(TRACE, SPAN)).replace("\"llm\":null", block);
    }

    private static List<String> priceableShapes() throws IOException {
        List<String> shapes = new ArrayList<>();
        shapes.add(llmSpan(Spans.usage(1200, 300, 1000, 0, 120)));
        shapes.add(llmSpan(TokenUsage.of(10, 2)));
        shapes.add(llmSpan(null));
        shapes.add(llmSpan(new TokenUsage(null, null, null, null, null, null)));
        shapes.add(Spans.json(new SpanEvent(1, TRACE, SPAN, null, "chat", "CHAT_MODEL", 1, 2, null, null, null, null,
                null, null, null, null, new LlmCall(null, null, null))));
        shapes.add(withLlm("\"llm\":{}"));
        shapes.add(withLlm("\"llm\" : {\"model\":\"gpt-4o\"}"));
        shapes.add(withLlm("\"llm\"\n\t:\r\n{\"model\":\"gpt-4o\"}"));
        shapes.add(withLlm("\"llm\":{\"model\":\"llm\",\"provider\":null}"));
        for (String first : List.of("{\"llm\":{\"model\":\"gpt-4o\"},", "{\"llm\":null,\"llm\":{\"model\":\"gpt-4o\"},")) {
            shapes.add(first + "\"trace_id\":\"" + TRACE + "\",\"span_id\":\"" + SPAN + "\",\"start_time_ns\":1}");
        }
        shapes.add(withLlm("\"llm\":{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"usage\":{\"input_tokens\":\"12\"}}"));
        for (String golden : List.of("span-event.llm.v1.json", "span-event.llm-cache-1h.v1.json")) {
            try (InputStream in = LlmBlockFilterTests.class.getResourceAsStream("/golden/" + golden)) {
                shapes.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return shapes;
    }

    @Test
    void everyPriceableShapePassesTheFilter() throws IOException {
        for (String shape : priceableShapes()) {
            assertThat(priced(utf8(shape))).as("the full reading prices %s", shape).isTrue();
            assertThat(passes(utf8(shape))).as(shape).isTrue();
        }
        List<Row> borderline = BorderlineSpanRecords.rows().stream().filter(r -> r.outcome() == Outcome.STORED).toList();
        assertThat(borderline).isNotEmpty().allSatisfy(row -> {
            assertThat(priced(row.value())).as(row.name()).isTrue();
            assertThat(passes(row.value())).as(row.name()).isTrue();
        });
    }

    @Test
    void escapeSpelledNamesGoToTheReading() {
        for (String name : List.of("\\u006clm", "l\\u006cm", "ll\\u006d", "\\u006C\\u006C\\u006D", "\\u006c\\u006cm")) {
            byte[] value = utf8(withLlm("\"" + name + "\":{\"model\":\"gpt-4o\"}"));
            assertThat(new String(value, StandardCharsets.UTF_8)).doesNotContain("\"llm\"");
            assertThat(priced(value)).as("the reading decodes %s to llm", name).isTrue();
            assertThat(passes(value)).as(name).isTrue();
        }
        assertThat(passes(utf8(withLlm("\"llm\":null,\"note\":\"\\u00e9\"")))).as("any \\u escape").isTrue();
    }

    @Test
    void otherEncodingsOfTheNameGoToTheReading() {
        String span = withLlm("\"llm\":{\"model\":\"gpt-4o\"}");
        for (String charset : List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE")) {
            byte[] value = span.getBytes(Charset.forName(charset));
            assertThat(priced(value)).as("Jackson detects %s", charset).isTrue();
            assertThat(passes(value)).as(charset).isTrue();
        }
        // overlong UTF-8 spellings of 'l' in the name, which Jackson decodes as 'l' (C1 AC, E0 81 AC)
        for (byte[] l : List.of(new byte[] { (byte) 0xC1, (byte) 0xAC }, new byte[] { (byte) 0xE0, (byte) 0x81, (byte) 0xAC })) {
            byte[] value = replaceFirst(utf8(span), utf8("\"llm\""), concat(utf8("\""), l, utf8("lm\"")));
            assertThat(priced(value)).as("Jackson decodes an overlong 'l' in a name").isTrue();
            assertThat(passes(value)).isTrue();
        }
    }

    @Test
    void spansWithoutAnLlmBlockAreRecognised() {
        String plain = Spans.json(Spans.plain(TRACE, SPAN));
        assertThat(plain).contains("\"llm\":null");
        List<String> notLlm = List.of(plain, plain.replace("\"llm\":null", "\"llm\" :\n\tnull"),
                plain.replace(",\"llm\":null", ""), plain.replace("\"name\":\"root\"", "\"name\":\"llm call \\\"llm\\\"\""),
                plain.replace("\"attributes\":{}", "\"attributes\":{\"llm\":null,\"mlflow.spanType\":\"LLM\"}"),
                plain.replace("\"name\":\"root\"", "\"name\":\"caf\u00e9 \u0939\u093f\u0928\u094d\u0926\u0940 \uD83D\uDE00\""),
                "", "null", "[]", "{\"trace_id\": broken");
        for (String value : notLlm) {
            assertThat(priced(utf8(value))).as(value).isFalse();
            assertThat(passes(utf8(value))).as(value).isFalse();
        }
    }

    /**
     * Random edits of LLM and non-LLM spans (bytes that spell names otherwise: quotes, backslashes, 'u', NUL, overlong
     * lead bytes, whitespace): whenever the full reading prices the result, the filter lets it through.
     */
    @Test
    void noEditThatTheReadingPricesIsFilteredOut() throws IOException {
        List<byte[]> bases = new ArrayList<>();
        for (String shape : priceableShapes()) {
            bases.add(utf8(shape));
        }
        bases.add(utf8(Spans.json(Spans.plain(TRACE, SPAN))));
        bases.add(utf8(withLlm("\"llm\" : null")));
        byte[] alphabet = { '"', '\\', 'u', 'l', 'm', '0', '6', 'c', 'd', ':', ' ', '\n', 'n', '{', '}', ',', 0,
                (byte) 0xC1, (byte) 0xAC, (byte) 0xE0, (byte) 0x81 };
        Random random = new Random(16);
        int priced = 0;
        int filteredOut = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] value = bases.get(random.nextInt(bases.size()));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                value = edit(value, random, alphabet);
            }
            boolean passes = passes(value);
            if (priced(value)) {
                priced++;
                assertThat(passes).as("priced but filtered out: %s", new String(value, StandardCharsets.ISO_8859_1))
                        .isTrue();
            } else if (!passes) {
                filteredOut++;
            }
        }
        assertThat(priced).as("edits the reading still prices").isGreaterThan(1000);
        assertThat(filteredOut).as("edits the filter recognises").isGreaterThan(500);
    }

    @Test
    void theDeserializerMarksRecordsWithoutLlmBlockAndKeepsTheRest() {
        byte[] llm = utf8(llmSpan(TokenUsage.of(10, 2)));
        byte[] plain = utf8(Spans.json(Spans.plain(TRACE, SPAN)));
        SpanValueDeserializer deserializer = new SpanValueDeserializer();
        assertThat(deserializer.deserialize("spans", plain)).isSameAs(SpanValueDeserializer.NOT_AN_LLM_SPAN);
        assertThat(deserializer.deserialize("spans", llm)).isSameAs(llm);
        assertThat(deserializer.deserialize("spans", null)).isSameAs(SpanValueDeserializer.NOT_AN_LLM_SPAN);
        assertThat(SpanCostConsumer.readLlmSpan(SpanValueDeserializer.NOT_AN_LLM_SPAN)).isEqualTo(Optional.empty());
        assertThat(SpanCostConsumer.readLlmSpan(llm)).isPresent();
        assertThat(SpanCostConsumer.readLlmSpan(plain)).as("read, valid, no llm").isEmpty();
    }

    private static byte[] edit(byte[] value, Random random, byte[] alphabet) {
        int at = value.length == 0 ? 0 : random.nextInt(value.length);
        byte with = alphabet[random.nextInt(alphabet.length)];
        return switch (random.nextInt(3)) {
            case 0 -> concat(java.util.Arrays.copyOfRange(value, 0, at), new byte[] { with },
                    java.util.Arrays.copyOfRange(value, at, value.length));
            case 1 -> value.length == 0 ? value : concat(java.util.Arrays.copyOfRange(value, 0, at),
                    java.util.Arrays.copyOfRange(value, at + 1, value.length));
            default -> {
                if (value.length == 0) {
                    yield value;
                }
                byte[] copy = value.clone();
                copy[at] = with;
                yield copy;
            }
        };
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    private static byte[] replaceFirst(byte[] value, byte[] target, byte[] with) {
        for (int i = 0; i + target.length <= value.length; i++) {
            if (java.util.Arrays.equals(value, i, i + target.length, target, 0, target.length)) {
                return concat(java.util.Arrays.copyOfRange(value, 0, i), with,
                        java.util.Arrays.copyOfRange(value, i + target.length, value.length));
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
