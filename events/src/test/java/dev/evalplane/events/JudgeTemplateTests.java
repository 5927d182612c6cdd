package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JudgeTemplateTests {

    @Test
    void findsVariablesWithOrWithoutSpaces() {
        assertThat(JudgeTemplate.variables("Is {{outputs}} right for {{ inputs }} given {{  expectations }}?"))
                .containsExactly("outputs", "inputs", "expectations");
    }

    @Test
    void validTemplatesPass() {
        assertThat(JudgeTemplate.violation("Does {{ outputs }} answer {{ inputs }}?")).isNull();
        assertThat(JudgeTemplate.violation("Did the agent in {{ trace }} meet {{ expectations }}?")).isNull();
    }

    @Test
    void violationsSayWhatIsWrong() {
        assertThat(JudgeTemplate.violation("Is it good?")).contains("at least one");
        assertThat(JudgeTemplate.violation("Check {{ trace }} and {{ outputs }}")).contains("cannot be combined");
        assertThat(JudgeTemplate.violation("Check {{ answer }}")).contains("unknown template variable {{ answer }}");
        assertThat(JudgeTemplate.violation("  ")).contains("must not be empty");
    }
}
