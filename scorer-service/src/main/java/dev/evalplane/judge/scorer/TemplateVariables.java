package dev.evalplane.judge.scorer;

import java.util.List;

import dev.evalplane.events.JudgeTemplate;

/**
 * The {@code {{ variable }}} rules of make_judge instructions, as shared with the CLI in {@link JudgeTemplate}:
 * variables {@code inputs}, {@code outputs}, {@code expectations}, {@code trace}; at least one; {@code trace} not
 * mixed with inputs or outputs; anything else rejected. A violation is an IllegalArgumentException whose message is
 * the 400 detail.
 */
public final class TemplateVariables {

    /** The variables in order of first appearance, after checking the rules. */
    public static List<String> validate(String instructions) {
        String violation = JudgeTemplate.violation(instructions);
        if (violation != null) {
            throw new IllegalArgumentException(violation);
        }
        return List.copyOf(JudgeTemplate.variables(instructions));
    }

    private TemplateVariables() {
    }
}
