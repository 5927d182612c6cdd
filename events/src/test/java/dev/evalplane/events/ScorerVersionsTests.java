package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScorerVersionsTests {

    @Test
    void absentOrBlankMeansNoVersion() {
        assertThat(ScorerVersions.parse(null)).isNull();
        assertThat(ScorerVersions.parse("  ")).isNull();
    }

    @Test
    void readsAPositiveWholeNumber() {
        assertThat(ScorerVersions.parse(" 3 ")).isEqualTo(3);
        assertThat(ScorerVersions.parse(String.valueOf(Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "1.5", "abc", "2147483648", "1e3" })
    void refusesAnythingElseNamingTheText(String text) {
        assertThatThrownBy(() -> ScorerVersions.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version must be a positive whole number, got '" + text + "'");
    }
}
