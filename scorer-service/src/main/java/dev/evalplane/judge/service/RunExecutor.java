package dev.evalplane.judge.service;

import java.util.List;
import java.util.function.Supplier;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.domain.RowSource;
import dev.evalplane.judge.client.PriceBook;
import dev.evalplane.judge.messaging.PublishException;
import dev.evalplane.judge.repository.RunRepository;
import dev.evalplane.judge.scorer.LlmJudge;
import dev.evalplane.judge.domain.RunOutcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Executes a run: loads prices (when it has a budget), lists its rows, evaluates {@link #rowsInFlight} rows at once
 * (provider calls stay bounded by the run's {@link AdaptiveLimiter}), writes progress as rows finish
 * ({@link ProgressWrites}), and finishes with a status that says what happened and the metrics. A
 * run never stays RUNNING because of an error: anything unexpected ends it FAILED with the cause.
 */
@ApplicationScoped
public class RunExecutor {

    private final RowLoader loader;
    private final RowEvaluator evaluator;
    private final RunRepository repository;
    private final PriceBook prices;

    public RunExecutor(RowLoader loader, RowEvaluator evaluator, RunRepository repository, PriceBook prices) {
        this.loader = loader;
        this.evaluator = evaluator;
        this.repository = repository;
        this.prices = prices;
    }

    public Uni<Void> execute(RunContext ctx) {
        return loadPrices(ctx)
                .chain(() -> loader.rows(ctx))
                .call(rows -> {
                    ctx.tracker().rowsTotal(rows.size());
                    // data rows and trace ids were counted when the run was inserted: no write before the first row
                    return ctx.request().source() instanceof RowSource.TraceFilter
                            ? repository.rowsTotal(ctx.runId(), rows.size()) : Uni.createFrom().voidItem();
                })
                .chain(rows -> {
                    ProgressWrites progress = new ProgressWrites(ctx, repository);
                    return Multi.createFrom().iterable(rows)
                            .onItem().transformToUni(row -> evaluateRow(ctx, row, progress))
                            .merge(rowsInFlight(ctx.request().maxConcurrency()))
                            .onItem().ignoreAsUni();
                })
                .map(done -> RunOutcome.of(ctx.tracker().snapshot(), ctx.budget().budget(), ctx.cancelled()))
                .onFailure().recoverWithItem(e -> {
                    if (e instanceof RowLoader.SourceException) {
                        return RunOutcome.failed(e.getMessage());
                    }
                    Log.errorf(e, "evaluation run %s failed", ctx.runId());
                    return RunOutcome.failed("internal error (the scorer-service log has the details)");
                })
                .chain(outcome -> repository.finish(ctx.runId(), outcome, ctx.tracker().snapshot(),
                        Aggregator.metrics(ctx.tracker().values(), ctx.tracker().aggregations())))
                .invoke(() -> Log.infof("evaluation run %s finished", ctx.runId()));
    }

    private Uni<Void> loadPrices(RunContext ctx) {
        if (ctx.budget().budget() == null) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> lookups = ctx.request().scorers().stream().filter(LlmJudge.class::isInstance)
                .map(s -> ((LlmJudge) s).model()).distinct()
                .map(model -> prices.price(model).invoke(p -> ctx.prices().put(model.toString(), p)).replaceWithVoid())
                .toList();
        return Uni.join().all(lookups).andFailFast().replaceWithVoid();
    }

    /**
     * Rows evaluated at once: {@link #ROWS_PER_CALL} per allowed provider call. A row holds its place until its
     * slowest judgement is done (a rate-limited one waits out its Retry-After without a call slot), so with only
     * {@code max_concurrency} rows the calls the limiter allows were not there to make.
     */
    static int rowsInFlight(int maxConcurrency) {
        return ROWS_PER_CALL * maxConcurrency;
    }

    static final int ROWS_PER_CALL = 4;

    private Uni<Void> evaluateRow(RunContext ctx, Supplier<Uni<EvalRow>> row, ProgressWrites progress) {
        if (ctx.cancelled()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(row::get)
                .chain(r -> evaluator.evaluate(ctx, r))
                .invoke(() -> ctx.tracker().rowDone())
                .onFailure().invoke(e -> {
                    PublishException lost = PublishException.in(e);
                    if (lost != null) {
                        Log.errorf("run %s: a row's output was lost: %s", ctx.runId(), lost.getMessage());
                        ctx.tracker().rowLost(lost.getMessage());
                        return;
                    }
                    if (!(e instanceof RowLoader.RowLoadException)) {
                        Log.warnf(e, "run %s: a row failed", ctx.runId());
                    }
                    ctx.tracker().rowFailed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                })
                .onFailure().recoverWithNull()
                .invoke(progress::rowFinished)
                .replaceWithVoid();
    }
}
