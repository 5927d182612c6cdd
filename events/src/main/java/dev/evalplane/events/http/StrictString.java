package dev.evalplane.events.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * A JSON string and nothing else (Jackson would turn {@code 5} or {@code true} into text): for request fields whose
 * values are stored as strings, such as metadata and tags, so a number there is a 400 naming the field.
 */
public final class StrictString extends StdScalarDeserializer<String> {

    public StrictString() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        return (String) ctxt.handleUnexpectedToken(String.class, p);
    }
}
