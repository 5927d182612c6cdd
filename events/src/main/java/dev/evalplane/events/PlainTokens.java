package dev.evalplane.events;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Values read straight from a parser's tokens by the readings that take only the plain shape the producers write
 * ({@link SpanRowView}, trace-service's reading of {@code trace-costs} records): each value of its own JSON type, each
 * field once. Anything else gives up ({@link NotPlain}), and the caller reads the record in full (the bean
 * deserializers), which decides what it is or why it is refused.
 */
public final class PlainTokens {

    private PlainTokens() {
    }

    /** Not of the plain shape: read the record in full (a give-up, not an error: no stack trace). */
    public static final class NotPlain extends RuntimeException {
        public NotPlain() {
            super(null, null, false, false);
        }
    }

    /**
     * Whether the value is present and begins with {@code expected} (an object, an array, a string); false when it is
     * null; any other value gives up.
     */
    public static boolean present(JsonToken token, JsonToken expected) {
        if (token == expected) {
            return true;
        }
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw new NotPlain();
    }

    /** A string or null; any other value (which the full reading would coerce or refuse) gives up. */
    public static String string(JsonParser p, JsonToken token) throws IOException {
        return present(token, JsonToken.VALUE_STRING) ? p.getText() : null;
    }

    /** An integral number of at most {@code widest} (INT or LONG); anything else (null included) gives up. */
    public static long integral(JsonParser p, JsonToken token, JsonParser.NumberType widest) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new NotPlain();
        }
        JsonParser.NumberType type = p.getNumberType();
        if (type == JsonParser.NumberType.INT || (type == JsonParser.NumberType.LONG && widest == type)) {
            return p.getLongValue();
        }
        throw new NotPlain();
    }

    /** A JSON number as the parser's exact decimal, or null; NaN and anything else give up. */
    public static BigDecimal decimal(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            if (p.isNaN()) {
                throw new NotPlain();
            }
            return p.getDecimalValue();
        }
        throw new NotPlain();
    }

    /** The fields (at most 32) of one object seen so far: a field twice gives up (the full reading decides which). */
    public static final class Seen {
        private int fields;

        /** The value's token of field number {@code field}, which must not have been seen before. */
        public JsonToken once(int field, JsonToken token) {
            int bit = 1 << field;
            if ((fields & bit) != 0) {
                throw new NotPlain();
            }
            fields |= bit;
            return token;
        }
    }
}
