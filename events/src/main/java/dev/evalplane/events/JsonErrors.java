package dev.evalplane.events;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;


/**
 * What was wrong with a JSON request body, in terms a caller can act on and without Java type names: the field and
 * the JSON type it needs for a value of the wrong type, the parser's complaint otherwise.
 */
public final class JsonErrors {

    public static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "field " + field(unknown) + " cannot be changed or set here (known fields: "
                    + String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList())
                    + ")";
        }
        if (e instanceof InvalidValueException invalid) {
            String field = field(invalid);
            return (field == null ? "" : field + ": ") + invalid.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = field(mismatch);
            String expected = expected(mismatch.getTargetType());
            return (field == null ? "the body" : "field " + field) + " must be " + expected
                    + " (a value of the wrong JSON type)";
        }
        return "the body is not valid JSON: " + e.getOriginalMessage();
    }

    private static String field(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Integer.class || type == Long.class || type == java.math.BigInteger.class || type == int.class
                || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private JsonErrors() {
    }
}
