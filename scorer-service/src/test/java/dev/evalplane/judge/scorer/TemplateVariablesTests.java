package dev.evalplane.judge.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateVariablesTests {

    @Test
    void variablesInOrderOfFirstAppearanceSpacesOptional() {
        assertThat(TemplateVariables.validate("Is {{outputs}} a good answer to {{ inputs }} given {{ outputs }}?"))
                .containsExactly("outputs", "inputs");
    }

    @Test
    void atLeastOneVariable() {
        assertThatThrownBy(() -> TemplateVariables.validate("Is the answer polite?"))
                .hasMessageContaining("must use at least one of {{ inputs }}");
    }

    @Test
    void unknownVariablesAreNamed() {
        assertThatThrownBy(() -> TemplateVariables.validate("Check {{ inputs }} against {{ context }}"))
                .hasMessageContaining("unknown template variable {{ context }}");
    }

    @Test
    void traceIsNotMixedWithInputsOrOutputs() {
        assertThatThrownBy(() -> TemplateVariables.validate("Given {{ trace }}, is {{ outputs }} right?"))
                .hasMessageContaining("{{ trace }} cannot be combined");
        assertThat(TemplateVariables.validate("Given {{ trace }} and {{ expectations }}"))
                .containsExactly("trace", "expectations");
    }
}
