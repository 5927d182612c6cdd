package dev.evalplane.events;

import static dev.evalplane.events.SpanRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link SpanValidation#readLlmCall} answers what {@link SpanValidation#readCall} answers for every record: the span
 * when it has an {@code llm} block, null for a valid span without one, the same refusal with the same reason
 * otherwise; and the plain non-LLM records (any key order) are recognised by {@link SpanCallScan} without the full
 * reading. The records: a non-LLM span with one field changed at a time (the borderline table's cases and more
 * shapes: coercions, duplicates, escapes, nulls, limits), as text, plus raw texts and key orders.
 */
class SpanLlmCallReadingTests {

    private static final long START = 1_767_225_600_000_000_000L;
    private static final String TRACE = "tr-0123456789abcdef0123456789abcdef";

    @Test
    void everyRecordIsAnsweredAsTheCallReadingAnswersIt() {
        Map<String, byte[]> records = records();
        int scanned = 0;
        for (Map.Entry<String, byte[]> record : records.entrySet()) {
            Object expected = outcome(() -> {
                SpanEvent span = SpanValidation.readCall(record.getValue());
                return span.llm() == null ? null : span;
            });
            Object actual = outcome(() -> SpanValidation.readLlmCall(record.getValue()));
            assertThat(actual).as(record.getKey()).isEqualTo(expected);
            if (SpanCallScan.isValidWithoutLlm(record.getValue())) {
                scanned++;
                assertThat(expected).as(record.getKey() + ": recognised by the scan, so valid and not an LLM span")
                        .isNull();
            }
        }
        assertThat(scanned).as("records recognised without the full reading").isGreaterThan(records.size() / 3);
    }

    @Test
    void plainSpansWithoutLlmAreRecognisedInAnyKeyOrder() {
        assertThat(SpanCallScan.isValidWithoutLlm(json(base()))).isTrue();
        ObjectNode withNull = base();
        withNull.putNull("llm");
        assertThat(SpanCallScan.isValidWithoutLlm(json(withNull))).isTrue();
        ObjectNode root = base();
        root.putObject("trace_metadata").put(MlflowKeys.SOURCE_RUN, "r".repeat(256));
        root.putObject("trace_tags").put("team", "t");
        root.putNull("parent_span_id");
        assertThat(SpanCallScan.isValidWithoutLlm(json(root))).isTrue();
        for (byte[] shuffled : shuffled(root, 30)) {
            assertThat(SpanCallScan.isValidWithoutLlm(shuffled)).as(new String(shuffled)).isTrue();
            assertThat(SpanValidation.readLlmCall(shuffled)).isNull();
        }
    }

    @Test
    void anLlmSpanIsReadInFullWhereverItsBlockIs() {
        ObjectNode llm = base();
        llm.putObject("llm").put("provider", "openai").put("model", "gpt-4.1-mini").putObject("usage")
                .put("input_tokens", 10).put("output_tokens", 5);
        for (byte[] shuffled : shuffled(llm, 10)) {
            assertThat(SpanCallScan.isValidWithoutLlm(shuffled)).isFalse();
            SpanEvent span = SpanValidation.readLlmCall(shuffled);
            assertThat(span.llm()).isEqualTo(new LlmCall("openai", "gpt-4.1-mini", new TokenUsage(10L, 5L, null,
                    null, null, null)));
            assertThat(span.traceId()).isEqualTo(TRACE);
        }
    }

    private static Map<String, byte[]> records() {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("plain", json(base()));
        change(records, "llm null", s -> s.putNull("llm"));
        change(records, "llm empty", s -> s.putObject("llm"));
        change(records, "llm a string", s -> s.put("llm", "x"));
        change(records, "llm with usage", s -> s.putObject("llm").put("model", "m").putObject("usage")
                .put("input_tokens", 1));
        change(records, "llm with a negative count", s -> s.putObject("llm").putObject("usage").put("input_tokens", -1));
        change(records, "schema version a string", s -> s.put("schema_version", "1"));
        change(records, "schema version a float", s -> s.put("schema_version", 1.0));
        change(records, "schema version beyond int", s -> s.put("schema_version", 1L << 40));
        change(records, "schema version null", s -> s.putNull("schema_version"));
        change(records, "schema version missing", s -> s.remove("schema_version"));
        change(records, "trace id upper-case", s -> s.put("trace_id", TRACE.toUpperCase().replace("TR-", "tr-")));
        change(records, "trace id without prefix", s -> s.put("trace_id", TRACE.substring(3)));
        change(records, "trace id short", s -> s.put("trace_id", "tr-0123"));
        change(records, "trace id 33 hex", s -> s.put("trace_id", TRACE + "a"));
        change(records, "trace id not hex", s -> s.put("trace_id", "tr-" + "g".repeat(32)));
        change(records, "trace id full-width digits", s -> s.put("trace_id", "tr-" + "\uFF10".repeat(32)));
        change(records, "trace id with NUL", s -> s.put("trace_id", TRACE.substring(0, 34) + "\u0000"));
        change(records, "trace id a number", s -> s.put("trace_id", 12345));
        change(records, "trace id an object", s -> s.putObject("trace_id").put("id", TRACE));
        change(records, "trace id null", s -> s.putNull("trace_id"));
        change(records, "trace id missing", s -> s.remove("trace_id"));
        change(records, "span id missing", s -> s.remove("span_id"));
        change(records, "span id 15 hex", s -> s.put("span_id", "0123456789abcde"));
        change(records, "span id with NUL", s -> s.put("span_id", "0123456789abcde\u0000"));
        change(records, "span id a 16-digit number", s -> s.put("span_id", 1234567890123456L));
        change(records, "span id a boolean", s -> s.put("span_id", true));
        change(records, "span id its own parent", s -> s.put("parent_span_id", "0123456789abcdef"));
        change(records, "span id its own parent in upper case", s -> s.put("parent_span_id", "0123456789ABCDEF"));
        change(records, "parent empty", s -> s.put("parent_span_id", ""));
        change(records, "parent not hex", s -> s.put("parent_span_id", "parent"));
        change(records, "parent null", s -> s.putNull("parent_span_id"));
        change(records, "name a number", s -> s.put("name", 7));
        change(records, "name an array", s -> s.putArray("name").add("x"));
        change(records, "name with NUL", s -> s.put("name", "a\u0000b"));
        change(records, "span type an object", s -> s.putObject("span_type"));
        change(records, "start missing", s -> s.remove("start_time_ns"));
        change(records, "start zero", s -> s.put("start_time_ns", 0));
        change(records, "start negative", s -> s.put("start_time_ns", -5));
        change(records, "start an int", s -> s.put("start_time_ns", 5));
        change(records, "start beyond 64 bits", s -> s.put("start_time_ns", new BigInteger("1" + "0".repeat(30))));
        change(records, "start a numeric string", s -> s.put("start_time_ns", String.valueOf(START)));
        change(records, "start a float", s -> s.put("start_time_ns", 1.5e18));
        change(records, "start not a number", s -> s.put("start_time_ns", "yesterday"));
        change(records, "start null", s -> s.putNull("start_time_ns"));
        change(records, "end before start", s -> s.put("end_time_ns", START - 1));
        change(records, "end zero", s -> s.put("end_time_ns", 0));
        change(records, "end missing", s -> s.remove("end_time_ns"));
        change(records, "end a string", s -> s.put("end_time_ns", String.valueOf(START + 1)));
        change(records, "status code unknown", s -> s.putObject("status").put("code", "BROKEN"));
        change(records, "status code lower-case", s -> s.putObject("status").put("code", "ok"));
        change(records, "status code with NUL", s -> s.putObject("status").put("code", "OK\u0000"));
        change(records, "status code null", s -> s.putObject("status").putNull("code"));
        change(records, "status code a number", s -> s.putObject("status").put("code", 1));
        change(records, "status empty", s -> s.putObject("status"));
        change(records, "status null", s -> s.putNull("status"));
        change(records, "status a string", s -> s.put("status", "OK"));
        change(records, "status an array", s -> s.putArray("status").add("OK"));
        change(records, "status message a number", s -> s.putObject("status").put("code", "ERROR").put("message", 3));
        change(records, "status with another field", s -> s.putObject("status").put("code", "OK")
                .putObject("extra").put("a", 1));
        change(records, "attributes an array", s -> s.putArray("attributes").add("x"));
        change(records, "attributes a string", s -> s.put("attributes", "x"));
        change(records, "attributes null", s -> s.putNull("attributes"));
        change(records, "inputs a number", s -> s.put("inputs", 1));
        change(records, "inputs null", s -> s.putNull("inputs"));
        change(records, "outputs an array", s -> s.putArray("outputs").add(1).addObject().put("a", "b"));
        change(records, "events an object", s -> s.putObject("events").put("name", "e"));
        change(records, "events null", s -> s.putNull("events"));
        change(records, "events a string", s -> s.put("events", "e"));
        change(records, "experiment id of 256", s -> s.put("experiment_id", "e".repeat(256)));
        change(records, "experiment id of 257", s -> s.put("experiment_id", "e".repeat(257)));
        change(records, "experiment id with NUL", s -> s.put("experiment_id", "e\u0000"));
        change(records, "experiment id a number", s -> s.put("experiment_id", 7));
        change(records, "experiment id null", s -> s.putNull("experiment_id"));
        change(records, "tags with a number", s -> s.putObject("trace_tags").put("t", 1));
        change(records, "tags with an object", s -> s.putObject("trace_tags").putObject("t"));
        change(records, "tags with null", s -> s.putObject("trace_tags").putNull("t"));
        change(records, "tags an array", s -> s.putArray("trace_tags"));
        change(records, "metadata with NUL", s -> s.putObject("trace_metadata").put("k\u0000", "v\u0000"));
        change(records, "run id of 256", s -> s.putObject("trace_metadata").put(MlflowKeys.SOURCE_RUN, "r".repeat(256)));
        change(records, "run id of 257", s -> s.putObject("trace_metadata").put(MlflowKeys.SOURCE_RUN, "r".repeat(257)));
        change(records, "run id null", s -> s.putObject("trace_metadata").putNull(MlflowKeys.SOURCE_RUN));
        change(records, "run id a number", s -> s.putObject("trace_metadata").put(MlflowKeys.SOURCE_RUN, 12));
        change(records, "unknown fields", s -> {
            s.putObject("extra").putArray("a").add(1).addObject().put("b", "c");
            s.put("root", true);
        });
        change(records, "inputs nested 2000 deep", s -> s.put("inputs", "@@NESTED@@"));
        change(records, "unknown field nested 2000 deep", s -> s.put("extra", "@@NESTED@@"));
        String plain = text(base());
        String withRun = text(withField(base(), s -> s.putObject("trace_metadata").put(MlflowKeys.SOURCE_RUN, "r")));
        records.put("run id twice, the last too long", bytes(withRun.replace("\"mlflow.sourceRun\":\"r\"",
                "\"mlflow.sourceRun\":\"r\",\"mlflow.sourceRun\":\"" + "r".repeat(300) + "\"")));
        records.put("run id twice, the last short", bytes(withRun.replace("\"mlflow.sourceRun\":\"r\"",
                "\"mlflow.sourceRun\":\"" + "r".repeat(300) + "\",\"mlflow.sourceRun\":\"r\"")));
        records.put("trace id twice, the last invalid", bytes(append(plain, "\"trace_id\":\"x\"")));
        records.put("trace id twice, the last valid", bytes(prepend(plain, "\"trace_id\":\"x\"")));
        records.put("llm twice, the last null", bytes(prepend(plain, "\"llm\":{\"model\":\"m\"},\"llm\":null")));
        records.put("llm twice, the last a block", bytes(prepend(plain, "\"llm\":null,\"llm\":{\"model\":\"m\"}")));
        records.put("status twice", bytes(prepend(plain, "\"status\":{\"code\":\"BROKEN\"}")));
        records.put("status code twice", bytes(plain.replace("\"status\":{\"code\":\"OK\"}",
                "\"status\":{\"code\":\"BROKEN\",\"code\":\"OK\"}")));
        records.put("escaped field name", bytes(plain.replace("\"trace_id\"", "\"trace\\u005fid\"")));
        records.put("escaped llm name", bytes(prepend(plain, "\"\\u006clm\":{\"model\":\"m\"}")));
        records.put("escaped trace id", bytes(plain.replace(TRACE, "tr-\\u0030" + TRACE.substring(4))));
        records.put("whitespace around", bytes("\n\t " + plain.replace(",", " ,\n ").replace(":", " : ") + " \n"));
        records.put("trailing text", bytes(plain + " trailing"));
        records.put("trailing object", bytes(plain + "{\"llm\":{}}"));
        records.put("cut short", bytes(plain.substring(0, plain.length() - 1)));
        records.put("name with invalid UTF-8", invalidUtf8(plain.replace("\"name\":\"tool\"", "\"name\":\"@@BAD@@\"")));
        records.put("inputs with invalid UTF-8", invalidUtf8(plain.replace("\"inputs\":\"q\"", "\"inputs\":\"@@BAD@@\"")));
        records.put("JSON null", bytes("null"));
        records.put("JSON array", bytes("[]"));
        records.put("JSON string", bytes("\"x\""));
        records.put("empty object", bytes("{}"));
        records.put("empty value", bytes(""));
        records.put("blank value", bytes("  "));
        records.put("not JSON", bytes("{\"trace_id\": broken"));
        for (int i = 0; i < 10; i++) {
            List<byte[]> shuffled = shuffled(withField(base(), s -> s.putNull("llm")), 10);
            records.put("key order " + i, shuffled.get(i));
        }
        records.put("no value", null);
        return records;
    }

    /** A valid TOOL span without an llm block, as a client may send it. */
    private static ObjectNode base() {
        ObjectNode span = EventJson.mapper().createObjectNode().put("schema_version", 1).put("trace_id", TRACE)
                .put("span_id", "0123456789abcdef").put("parent_span_id", "fedcba9876543210").put("name", "tool")
                .put("span_type", "TOOL").put("start_time_ns", START).put("end_time_ns", START + 800_000L);
        span.putObject("status").put("code", "OK");
        span.putObject("attributes").put("mlflow.spanType", "TOOL").put("n", 1).putArray("list").add(2.5);
        span.put("inputs", "q");
        span.putObject("outputs").put("answer", "a");
        span.putArray("events").addObject().put("name", "e");
        span.put("experiment_id", "7");
        return span;
    }

    private static void change(Map<String, byte[]> records, String name, Consumer<ObjectNode> change) {
        records.put(name, json(withField(base(), change)));
    }

    private static ObjectNode withField(ObjectNode span, Consumer<ObjectNode> change) {
        change.accept(span);
        return span;
    }

    private static byte[] json(ObjectNode span) {
        return bytes(text(span));
    }

    private static String text(ObjectNode span) {
        try {
            return EventJson.mapper().writeValueAsString(span).replace("\"@@NESTED@@\"",
                    "{\"d\":".repeat(2000) + "{}" + "}".repeat(2000));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record with these fields first. */
    private static String prepend(String record, String fields) {
        return "{" + fields + "," + record.substring(1);
    }

    /** The record with these fields last. */
    private static String append(String record, String fields) {
        return record.substring(0, record.length() - 1) + "," + fields + "}";
    }

    private static byte[] invalidUtf8(String text) {
        String[] parts = text.split("@@BAD@@", -1);
        byte[] head = bytes(parts[0]);
        byte[] tail = bytes(parts[1]);
        byte[] out = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = (byte) 0xC3;
        out[head.length + 1] = 0x28;
        System.arraycopy(tail, 0, out, head.length + 2, tail.length);
        return out;
    }

    /** The span's fields in {@code count} random orders (fixed seed). */
    private static List<byte[]> shuffled(ObjectNode span, int count) {
        Random random = new Random(16);
        List<byte[]> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> names = new ArrayList<>();
            span.fieldNames().forEachRemaining(names::add);
            Collections.shuffle(names, random);
            ObjectNode copy = EventJson.mapper().createObjectNode();
            names.forEach(name -> copy.set(name, span.get(name)));
            orders.add(json(copy));
        }
        return orders;
    }

    /** The span read, or the refusal (class and reason). */
    private static Object outcome(java.util.function.Supplier<SpanEvent> reading) {
        Throwable failure = catchThrowable(reading::get);
        return failure == null ? reading.get() : failure.getClass().getName() + ": " + failure.getMessage();
    }
}
