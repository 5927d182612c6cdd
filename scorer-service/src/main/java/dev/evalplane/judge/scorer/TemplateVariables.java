package dev.evalplane.judge.scorer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{ variable }}} rules of make_judge instructions: variables are {@code inputs}, {@code outputs},
 * {@code expectations}, {@code trace}; at least one is used; {@code trace} is not mixed with inputs or outputs (a
 * trace judge reads them from the trace); anything else is rejected. Violations are IllegalArgumentExceptions whose
 * message is the 400 detail.
 */
public final class TemplateVariables {

    public static final List<String> ALLOWED = List.of("inputs", "outputs", "expectations", "trace");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

    /** The variables in order of first appearance, after checking the rules. */
    public static List<String> validate(String instructions) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(instructions);
        while (m.find()) {
            found.add(m.group(1).trim());
        }
        List<String> unknown = new ArrayList<>();
        for (String v : found) {
            if (!ALLOWED.contains(v)) {
                unknown.add("{{ " + v + " }}");
            }
        }
        if (found.contains("conversation")) {
            throw new IllegalArgumentException("{{ conversation }} (session-level judges) is not supported; use "
                    + allowedList());
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unsupported template variable" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; instructions may only use " + allowedList());
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("instructions must use at least one template variable: " + allowedList());
        }
        if (found.contains("trace") && (found.contains("inputs") || found.contains("outputs"))) {
            throw new IllegalArgumentException("{{ trace }} cannot be combined with {{ inputs }} or {{ outputs }}:"
                    + " a trace judge reads the request and response from the trace itself");
        }
        return List.copyOf(found);
    }

    private static String allowedList() {
        return "{{ inputs }}, {{ outputs }}, {{ expectations }}, {{ trace }}";
    }

    private TemplateVariables() {
    }
}
