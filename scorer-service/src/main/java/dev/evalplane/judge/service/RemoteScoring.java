package dev.evalplane.judge.service;

import java.util.List;

import dev.evalplane.events.AssessmentError;
import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.judge.EvalRow;
import dev.evalplane.judge.client.RemoteScorerClient;
import dev.evalplane.judge.client.RemoteScorerException;
import dev.evalplane.judge.mapping.AssessmentFactory;
import dev.evalplane.judge.messaging.AssessmentPublisher;
import dev.evalplane.judge.scorer.RemoteScorer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a remote scorer on a row: one call, holding one of the run's call slots ({@link AdaptiveLimiter}: a run makes
 * at most {@code max_concurrency} outside calls at once, LLM or remote), counted as a judge call (no LLM request of
 * ours); its feedback has source
 * CODE. A timeout, a non-2xx answer or a body that is not feedback becomes error feedback (REMOTE_SCORER_TIMEOUT,
 * REMOTE_SCORER_ERROR) and a failed judge call in the run's status.
 */
@ApplicationScoped
public class RemoteScoring {

    private final RemoteScorerClient client;
    private final AssessmentPublisher assessments;

    public RemoteScoring(RemoteScorerClient client, AssessmentPublisher assessments) {
        this.client = client;
        this.assessments = assessments;
    }

    public Uni<Void> score(RunContext ctx, RemoteScorer scorer, EvalRow row) {
        AdaptiveLimiter slots = ctx.limiter();
        return slots.acquire().chain(() -> client.score(scorer, row).onTermination().invoke(slots::release))
                .map(answer -> {
                    ctx.tracker().judgeCall(0, null, null);
                    return answer.stream().map(f -> {
                        String name = f.name() == null ? scorer.name() : f.name();
                        ctx.tracker().value(name, f.value(), scorer.aggregations());
                        return AssessmentFactory.code(ctx.runId(), row.traceId(), row.rootSpanId(), name, scorer.name(),
                                f.value(), f.rationale(), null);
                    }).toList();
                })
                .onFailure(RemoteScorerException.class).recoverWithItem(e -> {
                    RemoteScorerException failure = (RemoteScorerException) e;
                    ctx.tracker().judgeCall(0, null, failure.reason());
                    return List.<AssessmentEvent>of(AssessmentFactory.code(ctx.runId(), row.traceId(), row.rootSpanId(),
                            scorer.name(), scorer.name(), null, null,
                            new AssessmentError(failure.code(), failure.getMessage())));
                })
                .chain(assessments::publishAll);
    }
}
