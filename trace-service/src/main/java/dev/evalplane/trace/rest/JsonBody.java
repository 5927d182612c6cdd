package dev.evalplane.trace.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.evalplane.events.JsonErrors;
import dev.evalplane.events.StoredText;
import dev.evalplane.support.error.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Parses request bodies ourselves, so malformed JSON gets a problem+json answer naming the error, and text that cannot
 * be stored (NUL, lone surrogates) a 400 naming its field.
 */
@ApplicationScoped
public class JsonBody {

    private final ObjectMapper mapper;

    public JsonBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as a typed request: 400 when it is not a JSON object or a field has the wrong type (naming it). */
    public <T> T read(String body, Class<T> type) throws JsonProcessingException {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw new InvalidInputException("the body must be a JSON object");
        }
        try {
            return mapper.treeToValue(root, type);
        } catch (MismatchedInputException e) {
            throw new InvalidInputException(JsonErrors.describe(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    public JsonNode parse(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("the request needs a JSON body");
        }
        JsonNode root = mapper.readTree(body);
        String unstorable = StoredText.firstUnstorable(root);
        if (unstorable != null) {
            throw new InvalidInputException(unstorable + " contains a NUL character or a lone surrogate, which cannot be"
                    + " stored");
        }
        return root;
    }
}
