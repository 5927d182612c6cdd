package dev.evalplane.trace.otlp.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.EventJson;

/**
 * {@link JsonText#parse} answers text that cannot be JSON without parsing it; every text must still get exactly what
 * the strict parser gives (a value, or nothing).
 */
class JsonTextTests {

    @ParameterizedTest
    @ValueSource(strings = {"LLM", "CHAIN", "", "   ", "\t\n", "true", " true ", "truex", "tru", "true false", "false",
            "fals", "null", "nul", "null\u00a0", "the answer", "final", "no", "{\"a\": 1}", " [1, 2] ", "\"LLM\"",
            "\"unterminated", "-1", "-", "12", "12abc", "1e5", "+1", ".5", "NaN", "'single'", "// comment", "\u00a0{}",
            "\ufeff{}", "é", "{\"a\": 1} trailing", "[1,", "\u0001true", "true\u0001"})
    void givesWhatTheStrictParserGives(String text) {
        assertThat(JsonText.parse(text)).isEqualTo(strictParse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LLM", "the answer", "truex", "", "+1", "NaN"})
    void plainTextIsNotParsed(String text) {
        assertThat(JsonText.mayBeJson(text)).isFalse();
    }

    private static Optional<JsonNode> strictParse(String text) {
        try {
            JsonNode node = EventJson.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
