package dev.evalplane.judge.scorer.code;

import java.util.List;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.scorer.BoundedRegex;
import dev.evalplane.judge.scorer.Scorer;

/**
 * A code scorer ({@code {"code": {"type": ..., ...}}}): a configured check from {@link CodeChecks}, run in this
 * service. Its feedback has source CODE (source id = the scorer name), no judge trace and no cost.
 */
public record CodeScorer(String name, String type, List<String> aggregations, CodeCheck check) implements Scorer {

    @Override
    public boolean needsTrace() {
        return check.needsTrace();
    }

    /** The feedback name of a result: the scorer name, or {@code <scorer>/<suffix>}. */
    public String feedbackName(CheckResult result) {
        return result.suffix() == null ? name : name + "/" + result.suffix();
    }

    /** The check on one row; user regexes share {@code regexBudget} (per judgement, or per request check). */
    public List<CheckResult> score(EvalRow row, BoundedRegex.Budget regexBudget) {
        return check.apply(row, regexBudget);
    }
}
