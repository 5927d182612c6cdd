package dev.evalplane.judge.scorer;

/** The answer format every judge asks for: one JSON object {"rationale", "result"} with a typed result. */
public final class OutputFormat {

    public static String instructions(FeedbackValueType type) {
        return PromptTemplates.load("output_format") + "\nThe value of \"result\" must be " + type.describe() + "\n";
    }

    /** System prompt of a built-in judge: the shared judge preamble plus the output format. */
    public static String builtinSystem(FeedbackValueType type) {
        return PromptTemplates.load("judge_system") + "\n\n" + instructions(type);
    }

    private OutputFormat() {
    }
}
