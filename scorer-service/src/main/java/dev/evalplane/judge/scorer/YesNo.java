package dev.evalplane.judge.scorer;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** MLflow's categorical rating vocabulary: affirmative and negative spellings become "yes" and "no". */
public final class YesNo {

    public static final String YES = "yes";
    public static final String NO = "no";
    private static final Set<String> AFFIRMATIVE = Set.of("yes", "y", "true", "pass", "passed", "correct", "1", "1.0");
    private static final Set<String> NEGATIVE = Set.of("no", "n", "false", "fail", "failed", "incorrect", "0", "0.0");

    /** "yes", "no", or null when the value is neither. */
    public static String normalise(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim().toLowerCase(Locale.ROOT).replaceAll("[.!\"'`*]+$", "").replaceAll("^[\"'`*]+", "");
        if (AFFIRMATIVE.contains(text)) {
            return YES;
        }
        return NEGATIVE.contains(text) ? NO : null;
    }

    private YesNo() {
    }
}
