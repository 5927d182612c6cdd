package dev.evalplane.events;

import static com.fasterxml.jackson.core.JsonParser.NumberType.INT;
import static com.fasterxml.jackson.core.JsonParser.NumberType.LONG;
import static dev.evalplane.events.PlainTokens.integral;
import static dev.evalplane.events.PlainTokens.present;
import static dev.evalplane.events.PlainTokens.string;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.evalplane.events.PlainTokens.NotPlain;
import dev.evalplane.events.PlainTokens.Seen;

/**
 * A {@code spans} record read for storing without building its content: {@code attributes} (an object),
 * {@code inputs}, {@code outputs} (any JSON value) and {@code events} (an array) are read token by token and kept as
 * the record's own bytes, decoded once into a String. Every string and field name is checked on the way
 * ({@link StoredText#needsCleaning}), and every decimal's exponent ({@link StoredText#MAX_DECIMAL_SCALE}).
 * <p>
 * The record is read straight from the parser's tokens ({@link #read}), not through a bean deserializer: about half
 * of trace-service's event loop went to that reading (bench/RESULTS.md, session 19). It takes only the plain shape
 * the producers write (each field once, with its JSON type: strings or null, integral numbers, an object of strings
 * for the tags and metadata) and gives up ({@link NotPlain}) on anything else: content that needs cleaning, a
 * value {@link SpanEvent}'s reading would coerce (a number where a string goes, a string or a decimal where a number
 * goes, an attributes value that is not an object, events that are not an array), a field twice, a field it does
 * not know, anything after the object. The caller then reads the record in full ({@link SpanValidation#read}), which
 * decides as before; so both readings give the same span, and the same JSON values, for every record.
 */
record SpanRowView(int schemaVersion, String traceId, String spanId, String parentSpanId, String name,
        String spanType, long startTimeNs, long endTimeNs, SpanStatus status, String attributes, String inputs,
        String outputs, String events, String experimentId, Map<String, String> traceTags,
        Map<String, String> traceMetadata, LlmCall llm) {

    private static final ObjectReader LLM_READER = EventJson.mapper().readerFor(LlmCall.class);

    /** The span without its content (attributes, inputs, outputs and events null). */
    SpanEvent toSpanEvent() {
        return new SpanEvent(schemaVersion, traceId, spanId, parentSpanId, name, spanType, startTimeNs, endTimeNs,
                status, null, null, null, null, experimentId, traceTags, traceMetadata, llm);
    }

    /**
     * Reads a record's bytes (UTF-8 JSON) of the plain shape; {@link NotPlain} (or the parser's exception) when the
     * record must be read in full.
     */
    static SpanRowView read(byte[] source) throws IOException {
        try (JsonParser p = EventJson.mapper().getFactory().createParser(source)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new NotPlain();
            }
            int schemaVersion = 0;
            String traceId = null;
            String spanId = null;
            String parentSpanId = null;
            String name = null;
            String spanType = null;
            long startTimeNs = 0;
            long endTimeNs = 0;
            SpanStatus status = null;
            String attributes = null;
            String inputs = null;
            String outputs = null;
            String events = null;
            String experimentId = null;
            Map<String, String> traceTags = null;
            Map<String, String> traceMetadata = null;
            LlmCall llm = null;
            Seen seen = new Seen();
            Field field = null;
            for (JsonToken token = p.nextToken(); token != JsonToken.END_OBJECT; token = p.nextToken()) {
                field = token == JsonToken.FIELD_NAME ? Field.of(p.currentName(), field) : null;
                if (field == null) {
                    throw new NotPlain();
                }
                token = seen.once(field.ordinal(), p.nextToken());
                switch (field) {
                    case SCHEMA_VERSION -> schemaVersion = (int) integral(p, token, INT);
                    case TRACE_ID -> traceId = string(p, token);
                    case SPAN_ID -> spanId = string(p, token);
                    case PARENT_SPAN_ID -> parentSpanId = string(p, token);
                    case NAME -> name = string(p, token);
                    case SPAN_TYPE -> spanType = string(p, token);
                    case START_TIME_NS -> startTimeNs = integral(p, token, LONG);
                    case END_TIME_NS -> endTimeNs = integral(p, token, LONG);
                    case STATUS -> status = status(p, token);
                    case ATTRIBUTES -> attributes = token == JsonToken.VALUE_NULL ? null
                            : structure(p, token, JsonToken.START_OBJECT, source);
                    case INPUTS -> inputs = any(p, token, source);
                    case OUTPUTS -> outputs = any(p, token, source);
                    case EVENTS -> events = token == JsonToken.VALUE_NULL ? null
                            : structure(p, token, JsonToken.START_ARRAY, source);
                    case EXPERIMENT_ID -> experimentId = string(p, token);
                    case TRACE_TAGS -> traceTags = strings(p, token);
                    case TRACE_METADATA -> traceMetadata = strings(p, token);
                    case LLM -> llm = llm(p, token);
                }
            }
            if (p.nextToken() != null) {
                throw new NotPlain();
            }
            return new SpanRowView(schemaVersion, traceId, spanId, parentSpanId, name, spanType, startTimeNs, endTimeNs,
                    status, attributes, inputs, outputs, events, experimentId, traceTags, traceMetadata, llm);
        }
    }

    /** The record's fields, by their names on the topic (snake case, as {@link SpanEvent} reads them). */
    private enum Field {
        SCHEMA_VERSION, TRACE_ID, SPAN_ID, PARENT_SPAN_ID, NAME, SPAN_TYPE, START_TIME_NS, END_TIME_NS, STATUS,
        ATTRIBUTES, INPUTS, OUTPUTS, EVENTS, EXPERIMENT_ID, TRACE_TAGS, TRACE_METADATA, LLM;

        private static final Field[] FIELDS = values();
        private static final Map<String, Field> BY_NAME = byName();

        /** The name, interned: the parser interns the names it reads, so the order the producers write is cheap. */
        final String jsonName = name().toLowerCase(Locale.ROOT).intern();

        /** The field named {@code name} (null if none); the one after {@code previous} is tried first. */
        static Field of(String name, Field previous) {
            Field next = FIELDS[previous == null ? 0 : (previous.ordinal() + 1) % FIELDS.length];
            return next.jsonName == name ? next : BY_NAME.get(name);
        }

        private static Map<String, Field> byName() {
            Map<String, Field> byName = new HashMap<>();
            for (Field field : FIELDS) {
                byName.put(field.jsonName, field);
            }
            return byName;
        }
    }

    /** {@code {"code": ..., "message": ...}} (either may be absent or null) or null. */
    private static SpanStatus status(JsonParser p, JsonToken token) throws IOException {
        if (!present(token, JsonToken.START_OBJECT)) {
            return null;
        }
        String code = null;
        String message = null;
        boolean codeSeen = false;
        boolean messageSeen = false;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            if ("code".equals(field) && !codeSeen) {
                codeSeen = true;
                code = string(p, p.nextToken());
            } else if ("message".equals(field) && !messageSeen) {
                messageSeen = true;
                message = string(p, p.nextToken());
            } else {
                throw new NotPlain();
            }
        }
        return new SpanStatus(code, message);
    }

    /** The {@code llm} object as the full reading reads it (the same deserializer), or null. */
    private static LlmCall llm(JsonParser p, JsonToken token) throws IOException {
        if (!present(token, JsonToken.START_OBJECT)) {
            return null;
        }
        return LLM_READER.readValue(p);
    }

    /** An object of strings (a later duplicate key wins, as in the full reading), or null. */
    private static Map<String, String> strings(JsonParser p, JsonToken token) throws IOException {
        if (!present(token, JsonToken.START_OBJECT)) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new NotPlain();
            }
            values.put(key, p.getText());
        }
        return values;
    }

    /** Any JSON value as text; JSON null stays null (as the full reading's NullNode is stored). */
    private static String any(JsonParser p, JsonToken token, byte[] source) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            return structure(p, token, token, source);
        }
        check(p, token);
        if (token == JsonToken.VALUE_STRING) {
            return verbatim(p, source, '"', '"');
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                || token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return p.getText();
        }
        throw new NotPlain();
    }

    /** An object or an array ({@code start}) as the record's own text; any other value gives up. */
    private static String structure(JsonParser p, JsonToken token, JsonToken start, byte[] source) throws IOException {
        if (token != start) {
            throw new NotPlain();
        }
        return structure(p, source);
    }

    /** The object or array the parser is at, as the record's own text; the parser ends on its closing token. */
    private static String structure(JsonParser p, byte[] source) throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        int depth = 0;
        JsonToken token = p.currentToken();
        while (true) {
            if (token == null) {
                throw new NotPlain();
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else {
                check(p, token);
            }
            if (depth == 0) {
                break;
            }
            token = p.nextToken();
        }
        return p.currentToken() == JsonToken.END_OBJECT ? verbatim(p, source, start, '{', '}')
                : verbatim(p, source, start, '[', ']');
    }

    /** The record's own text of the string token the parser is at (read to its end). */
    private static String verbatim(JsonParser p, byte[] source, char first, char last) throws IOException {
        return verbatim(p, source, p.currentTokenLocation().getByteOffset(), first, last);
    }

    /** The record's text from {@code start} to where the parser is, which must begin and end as given. */
    private static String verbatim(JsonParser p, byte[] source, long start, char first, char last) {
        long end = p.currentLocation().getByteOffset();
        if (start < 0 || end > source.length || end - start < 2 || source[(int) start] != first
                || source[(int) end - 1] != last) {
            throw new NotPlain();
        }
        return new String(source, (int) start, (int) (end - start), StandardCharsets.UTF_8);
    }

    /** Gives up on what the full reading would change: NUL, lone surrogates, huge exponents, non-finite numbers. */
    private static void check(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case FIELD_NAME -> {
                if (StoredText.needsCleaning(p.currentName())) {
                    throw new NotPlain();
                }
            }
            case VALUE_STRING -> {
                if (needsCleaning(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
                    throw new NotPlain();
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                if (p.isNaN()) {
                    throw new NotPlain();
                }
                BigDecimal value = p.getDecimalValue();
                if (Math.abs(value.scale()) > StoredText.MAX_DECIMAL_SCALE
                        || Math.abs(value.stripTrailingZeros().scale()) > StoredText.MAX_DECIMAL_SCALE) {
                    throw new NotPlain();
                }
            }
            case VALUE_NUMBER_INT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
            }
            default -> throw new NotPlain();
        }
    }

    /** {@link StoredText#needsCleaning(String)} of a parser's character buffer, without copying it. */
    private static boolean needsCleaning(char[] text, int offset, int length) {
        for (int i = offset, n = offset + length; i < n; i++) {
            char c = text[i];
            if (c == '\0') {
                return true;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text[i + 1])) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }
}
