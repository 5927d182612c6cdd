package dev.evalplane.judge.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.evalplane.events.AssessmentError;
import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.config.JudgeConfig;
import dev.evalplane.judge.mapping.AssessmentFactory;
import dev.evalplane.judge.messaging.AssessmentPublisher;
import dev.evalplane.judge.scorer.BoundedRegex;
import dev.evalplane.judge.scorer.MissingInputException;
import dev.evalplane.judge.scorer.code.CheckResult;
import dev.evalplane.judge.scorer.code.CodeScorer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a code scorer on a row and publishes its feedback (source CODE; no judge trace, no cost). A row that lacks what
 * the check reads gets MISSING_INPUT error feedback; a check that fails (e.g. a regex past its time limit) gets
 * SCORER_ERROR, as MLflow's harness records scorer exceptions. Regex matching of one judgement has one time budget.
 */
@ApplicationScoped
public class CodeScoring {

    public static final String SCORER_ERROR = "SCORER_ERROR";

    private final AssessmentPublisher assessments;
    private final Duration regexTimePerJudgement;

    public CodeScoring(AssessmentPublisher assessments, JudgeConfig config) {
        this.assessments = assessments;
        this.regexTimePerJudgement = config.regexTimePerJudgement();
    }

    /** Runs the check on a worker thread (user regexes never run on the event loop), then publishes. */
    public Uni<Void> score(RunContext ctx, CodeScorer scorer, EvalRow row) {
        return Uni.createFrom().item(() -> judge(ctx, scorer, row))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(assessments::publishAll);
    }

    private List<AssessmentEvent> judge(RunContext ctx, CodeScorer scorer, EvalRow row) {
        List<AssessmentEvent> feedback = new ArrayList<>();
        try {
            for (CheckResult result : scorer.score(row, BoundedRegex.Budget.of(regexTimePerJudgement, "judgement"))) {
                String name = scorer.feedbackName(result);
                ctx.tracker().value(name, result.value(), scorer.aggregations());
                feedback.add(AssessmentFactory.code(ctx.runId(), row.traceId(),
                        result.spanId() != null ? result.spanId() : row.rootSpanId(), name, scorer.name(),
                        result.value(), result.rationale(), null));
            }
        } catch (MissingInputException e) {
            ctx.tracker().skippedForMissingInput();
            return List.of(error(ctx, scorer, row, MissingInputException.CODE, e.getMessage()));
        } catch (RuntimeException e) {
            Log.warnf("run %s: code scorer %s failed on trace %s: %s", ctx.runId(), scorer.name(), row.traceId(), e);
            return List.of(error(ctx, scorer, row, SCORER_ERROR, scorer.type() + " failed: " + e.getMessage()));
        }
        return feedback;
    }

    private static AssessmentEvent error(RunContext ctx, CodeScorer scorer, EvalRow row, String code, String message) {
        return AssessmentFactory.code(ctx.runId(), row.traceId(), row.rootSpanId(), scorer.name(), scorer.name(), null,
                null, new AssessmentError(code, message));
    }
}
