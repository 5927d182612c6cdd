package dev.evalplane.judge.scorer;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How request and response values read in a prompt: plain text stays text; a chat request reads as its last user
 * message; a chat completion as its first choice; a one-field object as that field; anything else as compact JSON.
 */
public final class PromptText {

    public static String request(JsonNode inputs) {
        if (inputs == null || inputs.isNull() || inputs.isMissingNode()) {
            return "";
        }
        JsonNode messages = inputs.path("messages");
        if (messages.isArray() && !messages.isEmpty()) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if ("user".equals(messages.get(i).path("role").asText())) {
                    return text(messages.get(i).path("content"));
                }
            }
        }
        return text(inputs);
    }

    public static String response(JsonNode outputs) {
        if (outputs == null || outputs.isNull() || outputs.isMissingNode()) {
            return "";
        }
        JsonNode content = outputs.path("choices").path(0).path("message").path("content");
        return content.isTextual() ? content.asText() : text(outputs);
    }

    /** Text of a value: strings as they are, single-field objects as the field, else compact JSON. */
    public static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isObject() && value.size() == 1) {
            Iterator<JsonNode> only = value.elements();
            JsonNode inner = only.next();
            if (inner.isValueNode()) {
                return inner.asText();
            }
        }
        return value.toString();
    }

    private PromptText() {
    }
}
