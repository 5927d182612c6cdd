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
                .hasMessageContaining("at least one template variable");
    }

    @Test
    void unknownVariablesAreNamed() {
        assertThatThrownBy(() -> TemplateVariables.validate("Check {{ inputs }} against {{ context }} and {{ foo }}"))
                .hasMessageContaining("{{ context }}").hasMessageContaining("{{ foo }}");
    }

    @Test
    void traceIsNotMixedWithInputsOrOutputs() {
        assertThatThrownBy(() -> TemplateVariables.validate("Given {{ trace }}, is {{ outputs }} right?"))
                .hasMessageContaining("{{ trace }} cannot be combined");
        assertThat(TemplateVariables.validate("Given {{ trace }} and {{ expectations }}"))
                .containsExactly("trace", "expectations");
    }
}
