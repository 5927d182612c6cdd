package dev.evalplane.judge.scorer.code;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.scorer.PromptText;

/**
 * {@code exact_match}: the response equals {@code expectations.expected_response}. Text is compared after trimming
 * ({@code trim}, default true), case-sensitively unless {@code case_sensitive: false}; a JSON object or list expected
 * is compared as JSON.
 */
final class ExactMatchCheck implements CodeCheck {

    static final String TYPE = "exact_match";

    private final boolean caseSensitive;
    private final boolean trim;

    private ExactMatchCheck(boolean caseSensitive, boolean trim) {
        this.caseSensitive = caseSensitive;
        this.trim = trim;
    }

    static ExactMatchCheck from(CheckParams params) {
        params.allow("case_sensitive", "trim");
        return new ExactMatchCheck(params.flag("case_sensitive", true), params.flag("trim", true));
    }

    @Override
    public List<CheckResult> apply(EvalRow row) {
        JsonNode expected = RowValues.expectation(row, "expected_response", TYPE);
        String output = RowValues.output(row, TYPE);
        if (expected.isContainerNode() && row.outputs().isContainerNode()) {
            boolean same = expected.equals(row.outputs());
            return List.of(CheckResult.pass(same, same ? "the output equals expected_response (as JSON)"
                    : "the output " + RowValues.echo(row.outputs().toString()) + " differs from expected_response "
                            + RowValues.echo(expected.toString())));
        }
        String want = PromptText.text(expected);
        boolean same = normalise(output).equals(normalise(want));
        return List.of(CheckResult.pass(same, same ? "the output equals expected_response"
                : "the output \"" + RowValues.echo(output) + "\" differs from expected_response \"" + RowValues.echo(want)
                        + "\""));
    }

    private String normalise(String text) {
        String t = trim ? text.strip() : text;
        return caseSensitive ? t : t.toLowerCase(Locale.ROOT);
    }
}
