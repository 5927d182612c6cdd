package dev.evalplane.judge.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.EventJson;

class VerdictParserTests {

    private final VerdictParser parser = new VerdictParser(EventJson.mapper());

    private static FeedbackValueType type(String spec) {
        return FeedbackValueType.parse(TextNode.valueOf(spec));
    }

    @Test
    void readsPlainJsonAndDropsTheStepByStepPreamble() {
        Verdict v = parser.parse("{\"rationale\": \"Let's think step by step. The answer says 4.\", \"result\": \"yes\"}",
                FeedbackValueType.YES_NO);
        assertThat(v.value().asText()).isEqualTo("yes");
        assertThat(v.rationale()).isEqualTo("The answer says 4.");
    }

    @Test
    void readsJsonInsideACodeFenceAfterProse() {
        Verdict v = parser.parse("Sure! Here is my verdict:\n```json\n{\"result\": \"No\", \"rationale\": \"wrong\"}\n```\nThanks",
                FeedbackValueType.YES_NO);
        assertThat(v.value().asText()).isEqualTo("no");
    }

    @Test
    void readsJsonAfterLeadingProseWithStrayBraces() {
        Verdict v = parser.parse("I considered {x} carefully. {\"result\": true, \"rationale\": \"ok\"} trailing words",
                FeedbackValueType.YES_NO);
        assertThat(v.value().asText()).isEqualTo("yes");
    }

    @ParameterizedTest
    @ValueSource(strings = { "yes", "YES", "Yes.", "pass", "true", "1", "correct" })
    void affirmativeSpellingsBecomeYes(String result) {
        assertThat(parser.parse("{\"result\": \"" + result + "\"}", FeedbackValueType.YES_NO).value().asText())
                .isEqualTo("yes");
    }

    @ParameterizedTest
    @ValueSource(strings = { "no", "No", "FAIL", "false", "0", "incorrect" })
    void negativeSpellingsBecomeNo(String result) {
        assertThat(parser.parse("{\"result\": \"" + result + "\"}", FeedbackValueType.YES_NO).value().asText())
                .isEqualTo("no");
    }

    @Test
    void numbersAreExactAndIntegersMustBeWhole() {
        assertThat(parser.parse("{\"result\": 0.75}", type("float")).value().decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.75"));
        assertThat(parser.parse("{\"result\": \"4\"}", type("int")).value().asLong()).isEqualTo(4);
        assertThat(parser.parse("{\"result\": 3.0}", type("int")).value().asLong()).isEqualTo(3);
        assertThatThrownBy(() -> parser.parse("{\"result\": 3.5}", type("int")))
                .isInstanceOfSatisfying(VerdictException.class, e -> assertThat(e.code()).isEqualTo("INVALID_VERDICT_VALUE"));
    }

    @Test
    void booleansAcceptYesNoSpellings() {
        assertThat(parser.parse("{\"result\": \"no\"}", type("bool")).value().asBoolean()).isFalse();
        assertThat(parser.parse("{\"result\": true}", type("bool")).value().isBoolean()).isTrue();
    }

    @Test
    void categoricalValuesMustBeOneOfTheListAndAreCanonicalised() throws Exception {
        FeedbackValueType categories = FeedbackValueType.parse(EventJson.mapper().readTree("[\"good\", \"ok\", \"bad\"]"));
        assertThat(parser.parse("{\"result\": \"GOOD\"}", categories).value().asText()).isEqualTo("good");
        assertThatThrownBy(() -> parser.parse("{\"result\": \"great\"}", categories))
                .isInstanceOfSatisfying(VerdictException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_VERDICT_VALUE");
                    assertThat(e.getMessage()).contains("\"good\", \"ok\", \"bad\"");
                });
    }

    @Test
    void yesNoRejectsOtherWords() {
        assertThatThrownBy(() -> parser.parse("{\"result\": \"maybe\"}", FeedbackValueType.YES_NO))
                .isInstanceOfSatisfying(VerdictException.class, e -> assertThat(e.code()).isEqualTo("INVALID_VERDICT_VALUE"));
    }

    @Test
    void singleQuotedPseudoJsonIsNotAccepted() {
        assertThatThrownBy(() -> parser.parse("{'result': 'yes', 'rationale': 'fine'}", FeedbackValueType.YES_NO))
                .isInstanceOfSatisfying(VerdictException.class, e -> assertThat(e.code()).isEqualTo("UNPARSEABLE_VERDICT"));
    }

    @Test
    void proseWithoutJsonOrWithoutResultIsUnparseable() {
        assertThatThrownBy(() -> parser.parse("The answer looks right to me.", FeedbackValueType.YES_NO))
                .isInstanceOfSatisfying(VerdictException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNPARSEABLE_VERDICT");
                    assertThat(e.getMessage()).contains("The answer looks right");
                });
        assertThatThrownBy(() -> parser.parse("{\"verdict\": \"yes\"}", FeedbackValueType.YES_NO))
                .isInstanceOfSatisfying(VerdictException.class, e -> assertThat(e.getMessage()).contains("no \"result\""));
        assertThatThrownBy(() -> parser.parse("   ", FeedbackValueType.YES_NO)).isInstanceOf(VerdictException.class);
    }

    @Test
    void valueTypeSpellingsAreUnderstoodAndOthersRejected() {
        assertThat(type("yes/no")).isEqualTo(FeedbackValueType.YES_NO);
        assertThat(type("Literal['yes', 'no']")).isEqualTo(FeedbackValueType.YES_NO);
        assertThat(type("Literal['low', 'high']").categories()).containsExactly("low", "high");
        assertThat(type("number").kind()).isEqualTo(FeedbackValueType.Kind.NUMBER);
        assertThat(FeedbackValueType.parse(null)).isEqualTo(FeedbackValueType.STRING);
        assertThatThrownBy(() -> type("dict[str, int]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not supported");
    }
}
