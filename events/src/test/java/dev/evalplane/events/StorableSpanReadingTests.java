package dev.evalplane.events;

import static dev.evalplane.events.SpanRecords.VALID;
import static dev.evalplane.events.SpanRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@link SpanValidation#readStorable} gives the span and the JSON values of its content that the full reading
 * ({@link SpanValidation#read}) gives, and keeps the record's own text when nothing needs cleaning.
 */
class StorableSpanReadingTests {

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
}
