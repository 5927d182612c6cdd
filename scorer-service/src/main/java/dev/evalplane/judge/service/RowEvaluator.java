package dev.evalplane.judge.service;

import java.util.ArrayList;
import java.util.List;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.mapping.AssessmentFactory;
import dev.evalplane.judge.messaging.AssessmentPublisher;
import dev.evalplane.judge.scorer.DerivedFeedback;
import dev.evalplane.judge.scorer.JudgeTask;
import dev.evalplane.judge.scorer.LlmJudge;
import dev.evalplane.judge.scorer.MissingInputException;
import dev.evalplane.judge.scorer.RemoteScorer;
import dev.evalplane.judge.scorer.Scorer;
import dev.evalplane.judge.scorer.TaskVerdict;
import dev.evalplane.judge.scorer.code.CodeScorer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs every scorer of a run on one row, in parallel (provider calls are bounded by the run's limiter): LLM judges
 * through {@link JudgeRunner}, code scorers through {@link CodeScoring}, remote scorers through {@link RemoteScoring}.
 */
@ApplicationScoped
public class RowEvaluator {

    private final JudgeRunner runner;
    private final CodeScoring code;
    private final RemoteScoring remote;
    private final AssessmentPublisher assessments;

    public RowEvaluator(JudgeRunner runner, CodeScoring code, RemoteScoring remote, AssessmentPublisher assessments) {
        this.runner = runner;
        this.code = code;
        this.remote = remote;
        this.assessments = assessments;
    }

    public Uni<Void> evaluate(RunContext ctx, EvalRow row) {
        List<Uni<Void>> scorers = ctx.request().scorers().stream().map(s -> evaluate(ctx, s, row)).toList();
        return Uni.join().all(scorers).andFailFast().replaceWithVoid();
    }

    private Uni<Void> evaluate(RunContext ctx, Scorer scorer, EvalRow row) {
        if (scorer instanceof CodeScorer codeScorer) {
            return code.score(ctx, codeScorer, row);
        }
        if (scorer instanceof RemoteScorer remoteScorer) {
            return remote.score(ctx, remoteScorer, row);
        }
        return judge(ctx, (LlmJudge) scorer, row);
    }

    private Uni<Void> judge(RunContext ctx, LlmJudge scorer, EvalRow row) {
        List<JudgeTask> tasks;
        try {
            tasks = scorer.tasks(row);
        } catch (MissingInputException e) {
            ctx.tracker().skippedForMissingInput();
            return assessments.publish(AssessmentFactory.error(ctx.runId(), row.traceId(), row.rootSpanId(),
                    scorer.name(), scorer.model().toString(), MissingInputException.CODE, e.getMessage()));
        }
        if (tasks.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<TaskVerdict>> runs = tasks.stream().map(t -> runner.run(ctx, scorer, row, t)).toList();
        return Uni.join().all(runs).andFailFast().chain(verdicts -> publishDerived(ctx, scorer, row, verdicts));
    }

    private Uni<Void> publishDerived(RunContext ctx, LlmJudge scorer, EvalRow row, List<TaskVerdict> verdicts) {
        List<AssessmentEvent> derived = new ArrayList<>();
        for (DerivedFeedback d : scorer.derive(row, verdicts)) {
            ctx.tracker().value(d.name(), d.value(), scorer.aggregations());
            derived.add(AssessmentFactory.derived(ctx.runId(), row.traceId(), d.spanId(), d.name(), d.idParts(),
                    scorer.model().toString(), d.value(), d.rationale()));
        }
        return assessments.publishAll(derived);
    }
}
