package dev.evalplane.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The first look of {@link SpanValidation#readLlmCall}: one pass over a {@code spans} record's tokens, with the
 * parser {@link SpanCallView} is read with (same factory, same limits), that answers whether the record is certainly a
 * valid span without an {@code llm} block, building nothing but the few fields {@link SpanValidation#validate}
 * checks. It answers yes only for the plain shape, in any key order: each of {@link SpanCallView}'s fields at most
 * once, strings as strings or null, integers as integers, {@code status} an object of strings, {@code attributes}
 * an object, {@code events} an array, tags and metadata objects of strings, {@code llm} absent or null; unknown
 * fields and the content are skipped token by token (so malformed JSON and the stream limits still fail here). Any
 * other shape (a coercion, a duplicate field, an {@code llm} block, a failed rule, a parse error) answers no and is
 * left to {@link SpanValidation#readCall(byte[])}, which reads it as before.
 */
final class SpanCallScan {

    private static final JsonFactory FACTORY = EventJson.mapper().getFactory();

    /** True when {@link SpanValidation#readCall(byte[])} reads this record as a valid span whose {@code llm} is null. */
    static boolean isValidWithoutLlm(byte[] payload) {
        try (JsonParser p = FACTORY.createParser(payload)) {
            return p.nextToken() == JsonToken.START_OBJECT && new SpanCallScan().span(p);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static final byte[] LLM_BLOCK = "\"llm\":{".getBytes(StandardCharsets.US_ASCII);

    /**
     * Whether the bytes hold {@code "llm":{}: almost certainly an LLM span (inside a JSON string a quote is escaped,
     * so the text cannot stand there unless a name ends in an escaped quote), which the scan would only hand on. A hint
     * for the order of the readings, never for their outcome.
     */
    static boolean namesAnLlmBlock(byte[] payload) {
        int last = payload.length - LLM_BLOCK.length;
        outer:
        for (int i = last; i >= 0; i--) { // the block is usually the last field
            for (int j = 0; j < LLM_BLOCK.length; j++) {
                if (payload[i + j] != LLM_BLOCK[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private int seen;
    private String traceId;
    private String spanId;
    private String parentSpanId;
    private String experimentId;
    private String run;
    private SpanStatus status;
    private long startTimeNs;
    private long endTimeNs;

    private SpanCallScan() {
    }

    private boolean span(JsonParser p) throws IOException {
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            if (!field(field, p.nextToken(), p)) {
                return false;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            return false;
        }
        SpanEvent skeleton = new SpanEvent(SpanEvent.SCHEMA_VERSION, traceId, spanId, parentSpanId, null, null,
                startTimeNs, endTimeNs, status, null, null, null, null, experimentId, null,
                run == null ? null : Map.of(MlflowKeys.SOURCE_RUN, run), null);
        SpanValidation.validate(SpanValidation.clean(skeleton)); // a refusal answers no (the caller's catch)
        return true;
    }

    /** Reads one top-level field; false when the record is not of the plain shape. */
    private boolean field(String name, JsonToken token, JsonParser p) throws IOException {
        int bit = FIELDS.getOrDefault(name, 0);
        if (bit == 0) {
            p.skipChildren();
            return true;
        }
        if ((seen & bit) != 0) {
            return false;
        }
        seen |= bit;
        switch (name) {
            case "schema_version":
                return token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT;
            case "trace_id":
                traceId = text(token, p);
                return isText(token);
            case "span_id":
                spanId = text(token, p);
                return isText(token);
            case "parent_span_id":
                parentSpanId = text(token, p);
                return isText(token);
            case "experiment_id":
                experimentId = text(token, p);
                return isText(token);
            case "name", "span_type":
                return isText(token);
            case "start_time_ns":
                if (!isLong(token, p)) {
                    return false;
                }
                startTimeNs = p.getLongValue();
                return true;
            case "end_time_ns":
                if (!isLong(token, p)) {
                    return false;
                }
                endTimeNs = p.getLongValue();
                return true;
            case "status":
                return token == JsonToken.VALUE_NULL || (token == JsonToken.START_OBJECT && status(p));
            case "attributes":
                return skip(token, JsonToken.START_OBJECT, p);
            case "events":
                return skip(token, JsonToken.START_ARRAY, p);
            case "inputs", "outputs":
                p.skipChildren();
                return true;
            case "trace_tags":
                return token == JsonToken.VALUE_NULL || (token == JsonToken.START_OBJECT && strings(p, false));
            case "trace_metadata":
                return token == JsonToken.VALUE_NULL || (token == JsonToken.START_OBJECT && strings(p, true));
            default: // llm: an LLM span is read in full
                return token == JsonToken.VALUE_NULL;
        }
    }

    private boolean status(JsonParser p) throws IOException {
        String code = null;
        boolean codeSeen = false;
        boolean messageSeen = false;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            if (field.equals("code")) {
                if (codeSeen || !isText(token)) {
                    return false;
                }
                codeSeen = true;
                code = text(token, p);
            } else if (field.equals("message")) {
                if (messageSeen || !isText(token)) {
                    return false;
                }
                messageSeen = true;
            } else {
                p.skipChildren();
            }
        }
        status = new SpanStatus(code, null);
        return p.currentToken() == JsonToken.END_OBJECT;
    }

    /** An object of strings (or nulls); for the metadata, keeps the run id (the last value of its key wins, as in a map). */
    private boolean strings(JsonParser p, boolean metadata) throws IOException {
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            JsonToken token = p.nextToken();
            if (!isText(token)) {
                return false;
            }
            if (metadata && key.equals(MlflowKeys.SOURCE_RUN)) {
                run = text(token, p);
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT;
    }

    private static boolean skip(JsonToken token, JsonToken container, JsonParser p) throws IOException {
        if (token == container) {
            p.skipChildren();
            return true;
        }
        return token == JsonToken.VALUE_NULL;
    }

    private static boolean isText(JsonToken token) {
        return token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NULL;
    }

    private static String text(JsonToken token, JsonParser p) throws IOException {
        return token == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    private static boolean isLong(JsonToken token, JsonParser p) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            return false;
        }
        JsonParser.NumberType type = p.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }

    /** {@link SpanCallView}'s fields (its JSON names), one bit each. */
    private static final Map<String, Integer> FIELDS = bits("schema_version", "trace_id", "span_id", "parent_span_id",
            "name", "span_type", "start_time_ns", "end_time_ns", "status", "attributes", "inputs", "outputs", "events",
            "experiment_id", "trace_tags", "trace_metadata", "llm");

    private static Map<String, Integer> bits(String... names) {
        Map<String, Integer> bits = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            bits.put(names[i], 1 << i);
        }
        return bits;
    }
}
