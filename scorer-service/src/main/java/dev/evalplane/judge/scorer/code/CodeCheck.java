package dev.evalplane.judge.scorer.code;

import java.util.List;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.scorer.BoundedRegex;

/**
 * One configurable check of a code scorer: deterministic, no LLM call, no user code. Fails with
 * {@link dev.evalplane.judge.scorer.MissingInputException} when the row lacks what it reads.
 */
public interface CodeCheck {

    /** The feedback values for one row: usually one, several for per-stage checks. */
    List<CheckResult> apply(EvalRow row);

    /** {@link #apply(EvalRow)} for checks that match user regexes within {@code budget}. */
    default List<CheckResult> apply(EvalRow row, BoundedRegex.Budget budget) {
        return apply(row);
    }

    /** Whether it reads the trace's spans or timing (data rows then need their own {@code trace}). */
    default boolean needsTrace() {
        return false;
    }
}
