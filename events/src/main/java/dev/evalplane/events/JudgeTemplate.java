package dev.evalplane.events;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a template judge's instructions ({@code make_judge}): variables {@code {{ inputs }}},
 * {@code {{ outputs }}}, {@code {{ expectations }}}, {@code {{ trace }}}; at least one; {@code trace} not mixed with
 * inputs or outputs. Shared by scorer-service (400s) and the CLI (checks before sending).
 */
public final class JudgeTemplate {
    public static final String INPUTS = "inputs";
    public static final String OUTPUTS = "outputs";
    public static final String EXPECTATIONS = "expectations";
    public static final String TRACE = "trace";
    public static final List<String> ALLOWED = List.of(INPUTS, OUTPUTS, EXPECTATIONS, TRACE);

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    /** The variables the instructions use, in order of first use. */
    public static Set<String> variables(String instructions) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(instructions == null ? "" : instructions);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** What is wrong with the instructions, or null when they are valid. */
    public static String violation(String instructions) {
        if (instructions == null || instructions.isBlank()) {
            return "instructions must not be empty";
        }
        Set<String> used = variables(instructions);
        for (String variable : used) {
            if (!ALLOWED.contains(variable)) {
                return "unknown template variable {{ " + variable + " }}; allowed: " + String.join(", ", ALLOWED);
            }
        }
        if (used.isEmpty()) {
            return "instructions must use at least one of {{ inputs }}, {{ outputs }}, {{ expectations }}, {{ trace }}";
        }
        if (used.contains(TRACE) && (used.contains(INPUTS) || used.contains(OUTPUTS))) {
            return "{{ trace }} cannot be combined with {{ inputs }} or {{ outputs }}: the trace already contains them";
        }
        return null;
    }

    private JudgeTemplate() {
    }
}
