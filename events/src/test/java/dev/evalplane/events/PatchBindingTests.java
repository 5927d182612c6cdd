package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.evalplane.events.http.Patch;
import dev.evalplane.events.http.StrictString;

/** A {@link Patch} field tells absent (keep) from null (clear) from a value (replace), and refuses wrong types. */
class PatchBindingTests {

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    record Update(@JsonProperty("filter_string") @JsonDeserialize(contentUsing = StrictString.class) Patch<String> filter,
            @JsonProperty("budget") Patch<BigDecimal> budget, @JsonProperty("version") Patch<Integer> version) {
    }

    private static Update read(String json) throws Exception {
        return EventJson.mapper().readValue(json, Update.class);
    }

    @Test
    void absentKeepsNullClearsAValueReplaces() throws Exception {
        Update update = read("{\"filter_string\": null, \"budget\": 2.50}");
        assertThat(update.filter().isPresent()).isTrue();
        assertThat(update.filter().applyTo("tags.team = 'a'")).isNull();
        assertThat(update.budget()).isEqualTo(Patch.of(new BigDecimal("2.50")));
        assertThat(update.budget().applyTo(BigDecimal.ONE)).isEqualByComparingTo("2.5");
        assertThat(update.version()).isEqualTo(Patch.absent());
        assertThat(update.version().applyTo(3)).isEqualTo(3);
    }

    @Test
    void writingLeavesAbsentOutWritesNullToClearAndReadsBackTheSame() throws Exception {
        Update update = new Update(Patch.of(null), Patch.of(new BigDecimal("2.50")), Patch.absent());
        String written = EventJson.mapper().writeValueAsString(update);
        assertThat(written).isEqualTo("{\"filter_string\":null,\"budget\":2.50}");
        assertThat(read(written)).isEqualTo(update);
    }

    @Test
    void anEmptyBodyChangesNothing() throws Exception {
        Update update = read("{}");
        assertThat(update.filter().isPresent()).isFalse();
        assertThat(update.budget().isPresent()).isFalse();
        assertThat(update.version().isPresent()).isFalse();
    }

    @Test
    void aValueOfTheWrongJsonTypeNamesTheField() {
        assertThatThrownBy(() -> read("{\"filter_string\": 7}")).isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(JsonErrors.describe((MismatchedInputException) e))
                        .isEqualTo("field filter_string must be a string (a value of the wrong JSON type)"));
        assertThatThrownBy(() -> read("{\"budget\": \"2.5\"}")).isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(JsonErrors.describe((MismatchedInputException) e))
                        .isEqualTo("field budget must be a number (a value of the wrong JSON type)"));
        assertThatThrownBy(() -> read("{\"version\": 1.5}")).isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(JsonErrors.describe((MismatchedInputException) e)).contains("field version"));
        assertThatThrownBy(() -> read("{\"version\": 99999999999}")).isInstanceOf(MismatchedInputException.class)
                .satisfies(e -> assertThat(JsonErrors.describe((MismatchedInputException) e)).contains("field version"));
    }
}
