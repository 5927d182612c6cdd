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

    /**
     * The JSON value the whole text encodes, if it is valid JSON. Text that cannot be JSON by its first character
     * (plain text in an {@code mlflow.*} attribute, e.g. {@code mlflow.spanType=LLM} from an exporter that does not
     * JSON-encode it) is answered without a parse: the parser's exception, with its stack trace, cost more than the
     * rest of the span's mapping (bench/RESULTS.md, otlp door).
     */
    static Optional<JsonNode> parse(String text) {
        if (!mayBeJson(text)) {
            return Optional.empty();
        }
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

    /**
     * False only for text the strict parser would refuse: empty or blank, or starting (after JSON whitespace) with a
     * character no JSON value starts with, or with t, f or n without being exactly true, false or null. Anything else,
     * including non-ASCII first characters, is left to the parser.
     */
    static boolean mayBeJson(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isJsonWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && isJsonWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return false;
        }
        char first = text.charAt(from);
        return switch (first) {
            case '{', '[', '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> true;
            case 't' -> text.startsWith("true", from) && to - from == 4;
            case 'f' -> text.startsWith("false", from) && to - from == 5;
            case 'n' -> text.startsWith("null", from) && to - from == 4;
            default -> first > 0x7F;
        };
    }

    private static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
