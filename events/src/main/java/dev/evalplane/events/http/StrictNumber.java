package dev.evalplane.events.http;

import java.io.IOException;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * A JSON number and nothing else, for a number field ({@code @JsonDeserialize(using = StrictNumber.class)}): Jackson
 * would read {@code "0.5"} as 0.5 and {@code 1.5} as the whole number 1. A whole-number field (Integer, Long) takes
 * only a whole number that fits. Anything else is a mismatched input, a 400 naming the field.
 */
public final class StrictNumber extends StdDeserializer<Object> implements ContextualDeserializer {

    private final JavaType type;
    private final JsonDeserializer<?> numbers;

    public StrictNumber() {
        this(null, null);
    }

    private StrictNumber(JavaType type, JsonDeserializer<?> numbers) {
        super(Number.class);
        this.type = type;
        this.numbers = numbers;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
            throws JsonMappingException {
        JavaType wanted = property == null ? ctxt.getContextualType() : property.getType();
        return new StrictNumber(wanted, ctxt.findContextualValueDeserializer(wanted, property));
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        check(p, ctxt, type);
        return numbers.deserialize(p, ctxt);
    }

    /** Refuses (mismatched input) a token that is not a number of {@code type}'s kind; other types pass. */
    static void check(JsonParser p, DeserializationContext ctxt, JavaType type) throws IOException {
        Class<?> raw = type.getRawClass();
        if (!Number.class.isAssignableFrom(raw)) {
            return;
        }
        boolean whole = raw == Integer.class || raw == Long.class || raw == BigInteger.class;
        JsonToken token = p.currentToken();
        if (!token.isNumeric() || whole && token != JsonToken.VALUE_NUMBER_INT
                || raw == Integer.class && p.getNumberType() != JsonParser.NumberType.INT
                || raw == Long.class && p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            ctxt.handleUnexpectedToken(type, p);
        }
    }
}
