package dev.evalplane.events;

import static dev.evalplane.events.SpanRecords.VALID;
import static dev.evalplane.events.SpanRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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

    /** The reading of the plain shape keeps the text (so it did not give up) and reads every field as the full one. */
    @Test
    void everyPlainFieldIsReadAsTheFullReadingReadsIt() {
        String attributes = "{\"a\": 1, \"b\":{\"c\":[1,2.50,{\"d\":\"é \\u00e9 😀 \\ud83d\\ude00\"}]}, \"n\": null}";
        List<String> records = List.of(VALID,
                VALID.replace("\"parent_span_id\":null", "\"parent_span_id\":\"fedcba9876543210\""),
                VALID.replace("\"status\":{\"code\":\"OK\"}", "\"status\":{\"message\":\"boom\",\"code\":\"ERROR\"}"),
                VALID.replace("\"status\":{\"code\":\"OK\"}", "\"status\":{}"),
                VALID.replace("\"status\":{\"code\":\"OK\"}", "\"status\":null"),
                VALID.replace("\"trace_tags\":{\"t\":\"v\"}", "\"trace_tags\":{\"t\":\"v\",\"u\":\"\",\"t\":\"later\"}"),
                VALID.replace("\"trace_tags\":{\"t\":\"v\"}", "\"trace_tags\":null"),
                VALID.replace("\"trace_metadata\":{\"m\":\"w\"}", "\"trace_metadata\":{}"),
                VALID.replace("\"trace_metadata\":{\"m\":\"w\"}", "\"trace_metadata\":{\"mlflow.sourceRun\":\"run-1\"}"),
                VALID.replace(",\n \"llm\":{\"provider\":\"open\\u0000ai\",\"model\":\"gpt-4.1-mini\",\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}", ""),
                VALID.replace(",\n \"llm\":{\"provider\":\"open\\u0000ai\",\"model\":\"gpt-4.1-mini\",\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}", ",\"llm\":null"),
                VALID.replace("\"experiment_id\":\"7\",", ""),
                VALID.replace("\"schema_version\":1,", "").replace("\"name\":\"chat\",", "\"name\":null,"),
                VALID.replace("\"end_time_ns\":1767225600900000000", "\"end_time_ns\":0"),
                VALID.replace("\"inputs\":{\"q\" : \"x\"}", "\"inputs\":[1, \"two\"]"),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":\"quote \\\" and é\""),
                "{\"llm\":{\"model\":\"m\"},\"trace_id\":\"tr-0123456789abcdef0123456789abcdef\",\"attributes\":"
                        + attributes + ",\"span_id\":\"0123456789abcdef\",\"start_time_ns\":5}");
        assertThat(records).as("every variant differs").doesNotHaveDuplicates();
        for (String record : records) {
            assertThat(SpanValidation.readStorable(bytes(record)).attributes()).as(record).isEqualTo(attributes);
            assertSameAsFullReading(record);
        }
    }

    /**
     * A record of another shape (values the full reading coerces, a field twice, a field not known, anything after
     * the object) is read in full: the same span, or the same refusal, as the full reading.
     */
    @Test
    void aRecordOfAnotherShapeIsReadAsTheFullReadingReadsIt() {
        List<String> records = List.of(
                VALID.replace("\"start_time_ns\":1767225600000000000", "\"start_time_ns\":\"1767225600000000000\""),
                VALID.replace("\"end_time_ns\":1767225600900000000", "\"end_time_ns\":1.7672256009E18"),
                VALID.replace("\"end_time_ns\":1767225600900000000", "\"end_time_ns\":null"),
                VALID.replace("\"end_time_ns\":1767225600900000000", "\"end_time_ns\":17672256009000000000000"),
                VALID.replace("\"schema_version\":1", "\"schema_version\":\"1\""),
                VALID.replace("\"schema_version\":1", "\"schema_version\":4294967297"),
                VALID.replace("\"name\":\"chat\"", "\"name\":12"),
                VALID.replace("\"name\":\"chat\"", "\"name\":true"),
                VALID.replace("\"experiment_id\":\"7\"", "\"experiment_id\":7"),
                VALID.replace("\"trace_tags\":{\"t\":\"v\"}", "\"trace_tags\":{\"t\":3}"),
                VALID.replace("\"trace_tags\":{\"t\":\"v\"}", "\"trace_tags\":{\"t\":null}"),
                VALID.replace("\"trace_tags\":{\"t\":\"v\"}", "\"trace_tags\":{\"t\":{\"x\":1}}"),
                VALID.replace("\"trace_metadata\":{\"m\":\"w\"}", "\"trace_metadata\":[]"),
                VALID.replace("\"status\":{\"code\":\"OK\"}", "\"status\":{\"code\":\"OK\",\"extra\":1}"),
                VALID.replace("\"status\":{\"code\":\"OK\"}", "\"status\":{\"code\":\"ERROR\",\"code\":\"OK\"}"),
                VALID.replace("\"status\":{\"code\":\"OK\"}", "\"status\":\"OK\""),
                VALID.replace("\"span_id\":\"0123456789abcdef\"", "\"span_id\":\"ffffffffffffffff\",\"span_id\":\"0123456789abcdef\""),
                VALID.replace("\"span_id\":\"0123456789abcdef\"", "\"span_id\":\"0123456789abcdef\",\"spanId\":\"ffffffffffffffff\""),
                VALID.replace("\"llm\":{\"provider\"", "\"llm\":\"\",\"unused\":{\"provider\""),
                VALID.replace("\"llm\":{", "\"llm\":{\"unknown\":[1],"),
                VALID.strip() + " {\"trace_id\":\"other\"}",
                VALID.strip() + " ]");
        assertThat(records).as("every variant differs").doesNotHaveDuplicates().doesNotContain(VALID);
        for (String record : records) {
            Throwable full = catchThrowable(() -> SpanValidation.read(bytes(record)));
            if (full != null) {
                assertThat(catchThrowable(() -> SpanValidation.readStorable(bytes(record)))).as(record)
                        .isInstanceOf(InvalidRecordException.class).hasMessage(full.getMessage());
            } else {
                assertSameAsFullReading(record);
            }
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
