package dev.evalplane.events;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A {@code spans} record read for storing without building its content: {@code attributes} (an object),
 * {@code inputs}, {@code outputs} (any JSON value) and {@code events} (an array) are read token by token and kept as
 * the record's own bytes, decoded once into a String. Every string and field name is checked on the way
 * ({@link StoredText#needsCleaning}), and every decimal's exponent ({@link StoredText#MAX_DECIMAL_SCALE}): content
 * that needs cleaning, or a shape {@link SpanEvent} would coerce (an attributes value that is not an object, events
 * that are not an array), makes the reading give up ({@link NotVerbatim}) and the caller reads the record in full.
 * The record's bytes come in as the {@link #SOURCE} attribute of the reading.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SpanRowView(int schemaVersion, String traceId, String spanId, String parentSpanId, String name,
        String spanType, long startTimeNs, long endTimeNs, SpanStatus status,
        @JsonDeserialize(using = VerbatimObject.class) String attributes,
        @JsonDeserialize(using = VerbatimAny.class) String inputs,
        @JsonDeserialize(using = VerbatimAny.class) String outputs,
        @JsonDeserialize(using = VerbatimArray.class) String events,
        String experimentId, Map<String, String> traceTags, Map<String, String> traceMetadata, LlmCall llm) {

    /** Reading attribute: the record's bytes (a {@code byte[]} read from offset 0). */
    static final String SOURCE = "evalplane.span-row.source";

    /** The span without its content (attributes, inputs, outputs and events null). */
    SpanEvent toSpanEvent() {
        return new SpanEvent(schemaVersion, traceId, spanId, parentSpanId, name, spanType, startTimeNs, endTimeNs,
                status, null, null, null, null, experimentId, traceTags, traceMetadata, llm);
    }

    /** The content cannot be kept verbatim: read the record in full instead. */
    static final class NotVerbatim extends RuntimeException {
        NotVerbatim() {
            super(null, null, false, false);
        }
    }

    /** An object or an array, kept as the record's own text; any other value gives up. */
    abstract static class VerbatimStructure extends JsonDeserializer<String> {
        private final JsonToken start;

        VerbatimStructure(JsonToken start) {
            this.start = start;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != start) {
                throw new NotVerbatim();
            }
            return structure(p, ctxt);
        }
    }

    static final class VerbatimObject extends VerbatimStructure {
        VerbatimObject() {
            super(JsonToken.START_OBJECT);
        }
    }

    static final class VerbatimArray extends VerbatimStructure {
        VerbatimArray() {
            super(JsonToken.START_ARRAY);
        }
    }

    /** Any JSON value; JSON null never gets here (the property is null, as the full reading's NullNode is stored). */
    static final class VerbatimAny extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                return structure(p, ctxt);
            }
            check(p, token);
            if (token == JsonToken.VALUE_STRING) {
                return EventJson.mapper().writeValueAsString(p.getText());
            }
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                    || token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return p.getText();
            }
            throw new NotVerbatim();
        }
    }

    /** The object or array the parser is at, as the record's own text; the parser ends on its closing token. */
    private static String structure(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!(ctxt.getAttribute(SOURCE) instanceof byte[] source)) {
            throw new NotVerbatim();
        }
        long start = p.currentTokenLocation().getByteOffset();
        int depth = 0;
        JsonToken token = p.currentToken();
        while (true) {
            if (token == null) {
                throw new NotVerbatim();
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
        long end = p.currentLocation().getByteOffset();
        boolean object = p.currentToken() == JsonToken.END_OBJECT;
        if (start < 0 || end > source.length || end - start < 2 || source[(int) start] != (object ? '{' : '[')
                || source[(int) end - 1] != (object ? '}' : ']')) {
            throw new NotVerbatim();
        }
        return new String(source, (int) start, (int) (end - start), StandardCharsets.UTF_8);
    }

    /** Gives up on what the full reading would change: NUL, lone surrogates, huge exponents, non-finite numbers. */
    private static void check(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case FIELD_NAME -> {
                if (StoredText.needsCleaning(p.currentName())) {
                    throw new NotVerbatim();
                }
            }
            case VALUE_STRING -> {
                if (needsCleaning(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
                    throw new NotVerbatim();
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                if (p.isNaN()) {
                    throw new NotVerbatim();
                }
                BigDecimal value = p.getDecimalValue();
                if (Math.abs(value.scale()) > StoredText.MAX_DECIMAL_SCALE
                        || Math.abs(value.stripTrailingZeros().scale()) > StoredText.MAX_DECIMAL_SCALE) {
                    throw new NotVerbatim();
                }
            }
            case VALUE_NUMBER_INT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
            }
            default -> throw new NotVerbatim();
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
