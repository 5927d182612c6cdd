package dev.evalplane.judge.scorer.code;

import java.util.List;
import java.util.Locale;

import dev.evalplane.judge.domain.EvalRow;

/**
 * {@code contains}: the response contains {@code substring}, or any of {@code any_of}, or all of {@code all_of}
 * (exactly one of the three); case-insensitive unless {@code case_sensitive: true}.
 */
final class ContainsCheck implements CodeCheck {

    static final String TYPE = "contains";

    private final List<String> needles;
    private final boolean all;
    private final boolean caseSensitive;

    private ContainsCheck(List<String> needles, boolean all, boolean caseSensitive) {
        this.needles = needles;
        this.all = all;
        this.caseSensitive = caseSensitive;
    }

    static ContainsCheck from(CheckParams params) {
        params.allow("substring", "any_of", "all_of", "case_sensitive");
        String substring = params.text("substring");
        List<String> anyOf = params.texts("any_of");
        List<String> allOf = params.texts("all_of");
        int given = (substring == null ? 0 : 1) + (anyOf == null ? 0 : 1) + (allOf == null ? 0 : 1);
        if (given != 1) {
            throw params.bad("give exactly one of \"substring\", \"any_of\", \"all_of\"");
        }
        List<String> needles = substring != null ? List.of(substring) : anyOf != null ? anyOf : allOf;
        return new ContainsCheck(needles, allOf != null, params.flag("case_sensitive", false));
    }

    @Override
    public List<CheckResult> apply(EvalRow row) {
        String output = fold(RowValues.output(row, TYPE));
        List<String> found = needles.stream().filter(n -> output.contains(fold(n))).toList();
        boolean pass = all ? found.size() == needles.size() : !found.isEmpty();
        String rationale = found.isEmpty() ? "the output contains none of " + needles
                : "the output contains " + found + (all && !pass ? " but not all of " + needles : "");
        return List.of(CheckResult.pass(pass, rationale));
    }

    private String fold(String text) {
        return caseSensitive ? text : text.toLowerCase(Locale.ROOT);
    }
}
