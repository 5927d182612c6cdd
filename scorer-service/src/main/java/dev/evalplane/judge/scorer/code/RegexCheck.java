package dev.evalplane.judge.scorer.code;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.scorer.BoundedRegex;

/**
 * {@code regex}: the response matches {@code pattern} (Java syntax; found anywhere, or the whole text with
 * {@code full_match: true}; {@code case_insensitive} optional). Matching shares the time budget of the judgement or of the request check ({@link BoundedRegex}).
 */
final class RegexCheck implements CodeCheck {

    static final String TYPE = "regex";

    private final Pattern pattern;
    private final boolean fullMatch;

    private RegexCheck(Pattern pattern, boolean fullMatch) {
        this.pattern = pattern;
        this.fullMatch = fullMatch;
    }

    static RegexCheck from(CheckParams params) {
        params.allow("pattern", "case_insensitive", "full_match");
        String pattern = params.text("pattern");
        if (pattern == null) {
            throw params.bad("needs \"pattern\"");
        }
        int flags = params.flag("case_insensitive", false) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        try {
            return new RegexCheck(BoundedRegex.compile(pattern, flags), params.flag("full_match", false));
        } catch (IllegalArgumentException e) {
            throw params.bad(e.getMessage());
        }
    }

    @Override
    public List<CheckResult> apply(EvalRow row) {
        throw new IllegalStateException("a regex check needs a time budget");
    }

    @Override
    public List<CheckResult> apply(EvalRow row, BoundedRegex.Budget budget) {
        String output = RowValues.output(row, TYPE);
        Matcher m = BoundedRegex.matcher(pattern, output, budget);
        boolean pass = budget.run(() -> fullMatch ? m.matches() : m.find());
        String rationale = pass ? (fullMatch ? "the whole output matches " : "the output matches ") + pattern.pattern()
                + (fullMatch ? "" : " at \"" + RowValues.echo(m.group()) + "\"")
                : "the output does not " + (fullMatch ? "fully " : "") + "match " + pattern.pattern();
        return List.of(CheckResult.pass(pass, rationale));
    }
}
