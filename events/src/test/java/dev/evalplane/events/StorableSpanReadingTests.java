package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@link SpanValidation#readStorable} gives the span and the JSON values of its content that the full reading
 * ({@link SpanValidation#read}) gives, refuses the same records, and keeps the record's own text when nothing needs
 * cleaning.
 */
class StorableSpanReadingTests {

    private static final String VALID = """
            {"schema_version":1,"trace_id":"tr-0123456789abcdef0123456789abcdef","span_id":"0123456789abcdef",
             "parent_span_id":null,"name":"chat","span_type":"LLM","start_time_ns":1767225600000000000,
             "end_time_ns":1767225600900000000,"status":{"code":"OK"},
             "attributes":{"a": 1, "b":{"c":[1,2.50,{"d":"é \\u00e9 😀 \\ud83d\\ude00"}]}, "n": null},
             "inputs":{"q" : "x"},"outputs":"y","events":[{"name":"e"}, null],
             "experiment_id":"7","trace_tags":{"t":"v"},"trace_metadata":{"m":"w"},
             "llm":{"provider":"open\\u0000ai","model":"gpt-4.1-mini","usage":{"input_tokens":10,"output_tokens":5}}}
            """;

    @Test
    void aCleanRecordKeepsItsOwnText() {
        StorableSpan span = SpanValidation.readStorable(bytes(VALID));
        assertThat(span.attributes()).isEqualTo("{\"a\": 1, \"b\":{\"c\":[1,2.50,{\"d\":\"é \\u00e9 😀 \\ud83d\\ude00\"}]}, \"n\": null}");
        assertThat(span.inputs()).isEqualTo("{\"q\" : \"x\"}");
        assertThat(span.outputs()).isEqualTo("\"y\"");
        assertThat(span.events()).isEqualTo("[{\"name\":\"e\"}, null]");
        assertThat(span.span().llm().provider()).isEqualTo("open\uFFFDai");
        assertSameAsFullReading(VALID);
    }

    @Test
    void contentThatNeedsCleaningIsCleanedAsTheFullReadingCleansIt() {
        List<String> records = List.of(
                VALID.replace("\"q\" : \"x\"", "\"q\" : \"x\\u0000y\""),
                VALID.replace("\"q\" : \"x\"", "\"q\\u0000\" : \"x\""),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":\"lone \\ud800 surrogate\""),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":\"\\u0000\""),
                VALID.replace("\"a\": 1", "\"a\": 1e100000"),
                VALID.replace("\"a\": 1", "\"a\": 1.5e-1001"),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":1E+1001"),
                VALID.replace("[{\"name\":\"e\"}, null]", "[{\"name\":\"\\udc00\"}]"),
                VALID.replace("\"n\": null", "\"n\\ud800\": null"),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":null"),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":12.0"),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":true"),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":[]"),
                VALID.replace("\"outputs\":\"y\",", ""),
                VALID.replace("\"attributes\":{", "\"attributes\":null,\"ignored\":{"),
                VALID.replace("\"events\":[{\"name\":\"e\"}, null]", "\"events\":null"),
                VALID.replace("\"a\": 1", "\"a\": 1, \"a\": 2"));
        for (String record : records) {
            assertSameAsFullReading(record);
        }
    }

    @Test
    void invalidUtf8IsReadAsTheTextReadingReadsIt() {
        byte[] record = bytes(VALID.replace("\"q\" : \"x\"", "\"q\" : \"xZZy\""));
        int at = new String(record, StandardCharsets.ISO_8859_1).indexOf("xZZy") + 1;
        record[at] = (byte) 0xC3;
        record[at + 1] = (byte) 0x28;
        StorableSpan span = SpanValidation.readStorable(record);
        assertThat(span).isEqualTo(StorableSpan.of(SpanValidation.read(record)));
        assertThat(span.inputs()).contains("\uFFFD");
    }

    @Test
    void bothReadingsRefuseTheSameRecords() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        List<String> records = List.of(
                VALID.replace("\"attributes\":{", "\"attributes\":[\"x\"],\"ignored\":{"),
                VALID.replace("\"attributes\":{", "\"attributes\":\"x\",\"ignored\":{"),
                VALID.replace("\"events\":[{\"name\":\"e\"}, null]", "\"events\":{\"name\":\"e\"}"),
                VALID.replace("\"inputs\":{\"q\" : \"x\"}", "\"inputs\":" + deep),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":{\"y\":broken}"),
                VALID.replace("\"trace_id\":\"tr-0123456789abcdef0123456789abcdef\"", "\"trace_id\":12"),
                VALID.replace("\"span_id\":\"0123456789abcdef\"", "\"span_id\":\"0123\""),
                VALID.replace("\"input_tokens\":10", "\"input_tokens\":-1"),
                "null", "[]", "", "{\"trace_id\": broken");
        for (String record : records) {
            Throwable full = catchThrowable(() -> SpanValidation.read(bytes(record)));
            Throwable storable = catchThrowable(() -> SpanValidation.readStorable(bytes(record)));
            assertThat(full).as(record).isInstanceOf(InvalidRecordException.class);
            assertThat(storable).as(record).isInstanceOf(InvalidRecordException.class)
                    .hasMessage(full.getMessage());
        }
    }

    private static void assertSameAsFullReading(String record) {
        StorableSpan storable = SpanValidation.readStorable(bytes(record));
        StorableSpan full = StorableSpan.of(SpanValidation.read(bytes(record)));
        assertThat(storable.span()).as(record).isEqualTo(full.span());
        assertSameValue(record, storable.attributes(), full.attributes());
        assertSameValue(record, storable.inputs(), full.inputs());
        assertSameValue(record, storable.outputs(), full.outputs());
        assertSameValue(record, storable.events(), full.events());
        for (String text : new String[] { storable.attributes(), storable.inputs(), storable.outputs(), storable.events() }) {
            assertThat(text == null || !StoredText.needsCleaning(text)).as(record).isTrue();
            assertThat(text == null || !text.contains("\\u0000")).as(record).isTrue();
        }
    }

    /** The same JSON value as jsonb compares them: numbers by value (the record's 2.50 is the trees' 2.5). */
    private static void assertSameValue(String record, String actual, String expected) {
        JsonNode a = tree(actual);
        JsonNode e = tree(expected);
        Comparator<JsonNode> numbersByValue = (x, y) -> x.isNumber() && y.isNumber()
                ? x.decimalValue().compareTo(y.decimalValue()) : (x.equals(y) ? 0 : 1);
        assertThat(a == null ? e == null : e != null && a.equals(numbersByValue, e)).as(record + "\n" + actual + "\n" + expected)
                .isTrue();
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? null : EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
