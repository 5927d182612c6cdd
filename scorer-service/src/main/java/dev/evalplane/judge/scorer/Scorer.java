package dev.evalplane.judge.scorer;

import java.util.List;

/**
 * One scorer of a run: an LLM judge ({@link LlmJudge}), a code scorer ({@code code.CodeScorer}) or a remote scorer
 * ({@link RemoteScorer}). Each row gets its feedback from every scorer of the run.
 */
public interface Scorer {

    /** Assessment name of its feedback (and, for judges, tag {@code mlflow.trace.sourceScorer}). */
    String name();

    /** Aggregations for the run metrics ({@code mean} by default). */
    List<String> aggregations();

    /** Whether it reads the row's trace beyond its inputs and outputs (data rows then need a {@code trace}). */
    default boolean needsTrace() {
        return false;
    }
}
