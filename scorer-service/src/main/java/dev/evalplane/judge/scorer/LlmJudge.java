package dev.evalplane.judge.scorer;

import java.util.List;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.provider.ModelUri;

/** An LLM judge: turns a row into judge tasks (prompts); the evaluation runs them and records the feedback. */
public interface LlmJudge extends Scorer {

    ModelUri model();

    /** What it judges on this row; {@link MissingInputException} when the row lacks what it needs. */
    List<JudgeTask> tasks(EvalRow row);

    /** Whether it needs the evaluated trace's RETRIEVER spans (data rows without a trace have none). */
    default boolean needsRetrievalSpans() {
        return false;
    }

    /** Feedback computed from this judge's verdicts on a row, e.g. retrieval precision; none by default. */
    default List<DerivedFeedback> derive(EvalRow row, List<TaskVerdict> verdicts) {
        return List.of();
    }
}
