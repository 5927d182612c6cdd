package dev.evalplane.trace.otlp.mapping;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.EventJson;

/** Attribute strings that carry JSON (MLflow's JSON-encoded attributes, message lists, input.value). */
final class JsonText {

    private static final ObjectReader STRICT = EventJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {
    }

    /** The JSON value the whole text encodes, if it is valid JSON. */
    static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Text that looks like a JSON object or array is parsed; anything else stays text (prose is not JSON). */
    static JsonNode structuredOrText(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return parse(trimmed).orElseGet(() -> TextNode.valueOf(text));
        }
        return TextNode.valueOf(text);
    }
}
