package dev.evalplane.judge.service;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.AssessmentError;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.config.JudgeConfig;
import dev.evalplane.judge.mapping.AssessmentFactory;
import dev.evalplane.judge.messaging.AssessmentPublisher;
import dev.evalplane.judge.messaging.SpanPublisher;
import dev.evalplane.judge.provider.LlmProviders;
import dev.evalplane.judge.scorer.JudgeTask;
import dev.evalplane.judge.scorer.LlmJudge;
import dev.evalplane.judge.scorer.TaskVerdict;
import dev.evalplane.judge.scorer.Verdict;
import dev.evalplane.judge.scorer.VerdictException;
import dev.evalplane.judge.scorer.VerdictParser;
import dev.evalplane.judge.tracing.EpochNanos;
import dev.evalplane.judge.tracing.JudgeExecution;
import dev.evalplane.judge.tracing.JudgeTraceBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs one judge task: budget check, provider call (with retries), verdict parsing; then emits the judge trace on
 * {@code spans} and the Feedback on {@code assessments}. Every failure becomes error feedback, never an exception.
 */
@ApplicationScoped
public class JudgeRunner {

    private final LlmProviders providers;
    private final AgentJudgeLoop loop;
    private final VerdictParser parser;
    private final SpanPublisher spans;
    private final AssessmentPublisher assessments;
    private final int estimatedOutputTokens;

    public JudgeRunner(LlmProviders providers, AgentJudgeLoop loop, VerdictParser parser, SpanPublisher spans,
            AssessmentPublisher assessments, JudgeConfig config) {
        this.providers = providers;
        this.loop = loop;
        this.parser = parser;
        this.spans = spans;
        this.assessments = assessments;
        this.estimatedOutputTokens = config.estimatedOutputTokens();
    }

    public Uni<TaskVerdict> run(RunContext ctx, LlmJudge scorer, EvalRow row, JudgeTask task) {
        ModelPrice price = ctx.prices().get(scorer.model().toString());
        BigDecimal reservation = BigDecimal.ZERO;
        if (ctx.budget().budget() != null) {
            long promptTokens = (task.prompt().system().length() + task.prompt().user().length()) / 4 + 1;
            reservation = ctx.budget().reserve(price.cost(promptTokens, estimatedOutputTokens));
            if (reservation == null) {
                ctx.tracker().skippedForBudget();
                return finish(ctx, scorer, row, task, new CallResult(null, null, List.of()), null,
                        new AssessmentError(JudgeErrors.BUDGET_EXCEEDED, "not judged: this call would take the run's"
                                + " estimated judge spend over its budget of $" + ctx.budget().budget().toPlainString()),
                        EpochNanos.now());
            }
        }
        BigDecimal reserved = reservation;
        long start = EpochNanos.now();
        return loop.run(ctx, providers.forModel(scorer.model()), scorer.model(), scorer.name(), task)
                .chain(result -> {
                    TokenUsage usage = Usages.sum(result.attempts());
                    if (price != null) {
                        ctx.budget().settle(reserved, price.cost(usage));
                    }
                    if (result.failure() != null) {
                        ctx.tracker().judgeCall(result.attempts().size(), usage, result.failure().reason());
                        return finish(ctx, scorer, row, task, result, null,
                                JudgeErrors.of(result.failure(), result.attempts().size()), start);
                    }
                    if (result.loopError() != null) {
                        ctx.tracker().judgeCall(result.attempts().size(), usage,
                                AgentJudgeLoop.REQUEST_LIMIT_EXCEEDED.equals(result.loopError().errorCode())
                                        ? "tool round limit exceeded" : "regex time budget exceeded");
                        return finish(ctx, scorer, row, task, result, null, result.loopError(), start);
                    }
                    try {
                        Verdict verdict = parser.parse(result.response().text(), task.valueType());
                        ctx.tracker().judgeCall(result.attempts().size(), usage, null);
                        ctx.tracker().value(task.feedbackName(), verdict.value(), scorer.aggregations());
                        return finish(ctx, scorer, row, task, result, verdict, null, start);
                    } catch (VerdictException e) {
                        ctx.tracker().judgeCall(result.attempts().size(), usage,
                                VerdictException.UNPARSEABLE.equals(e.code()) ? "unparseable verdict" : "invalid verdict value");
                        return finish(ctx, scorer, row, task, result, null,
                                new AssessmentError(e.code(), e.getMessage()), start);
                    }
                });
    }

    private Uni<TaskVerdict> finish(RunContext ctx, LlmJudge scorer, EvalRow row, JudgeTask task,
            CallResult result, Verdict verdict, AssessmentError error, long start) {
        String judgeTraceId = JudgeTraceBuilder.traceId(ctx.runId(), row.traceId(), scorer.name(), task.idParts());
        String spanId = task.spanId() != null ? task.spanId() : row.rootSpanId();
        JsonNode value = verdict == null ? null : verdict.value();
        JudgeExecution execution = new JudgeExecution(ctx.runId(), ctx.experimentId(), scorer.name(),
                scorer.model().toString(), judgeTraceId, row.traceId(), spanId, task, result.attempts(), result.tools(),
                value, verdict == null ? null : verdict.rationale(), error, Usages.sum(result.attempts()), start,
                EpochNanos.now());
        Uni<Void> trace = execution.calledProvider() ? spans.publish(JudgeTraceBuilder.spans(execution))
                : Uni.createFrom().voidItem();
        return trace.chain(() -> assessments.publish(AssessmentFactory.feedback(execution)))
                .replaceWith(new TaskVerdict(task, value));
    }
}
