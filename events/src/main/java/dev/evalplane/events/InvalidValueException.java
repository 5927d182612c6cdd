package dev.evalplane.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A request value that has the right JSON type but cannot be bound, with the reason ({@code must have exactly one of
 * ...}); Jackson adds the path to it as it leaves each list and record, so {@link JsonErrors}
 * answers {@code scorers[0].judge: must be an object ...}.
 */
public final class InvalidValueException extends JsonMappingException {

    public InvalidValueException(JsonParser p, String message) {
        super(p, message);
    }

    /** The value of {@code field} inside the value being bound is what is wrong. */
    public InvalidValueException(JsonParser p, String field, String message) {
        super(p, message);
        if (field != null) {
            prependPath(new Reference(null, field));
        }
    }
}
