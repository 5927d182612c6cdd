package dev.evalplane.judge.online;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.domain.EvaluationRequest;
import dev.evalplane.judge.domain.RowSource;
import dev.evalplane.judge.client.PriceBook;
import dev.evalplane.judge.client.TraceServiceClient;
import dev.evalplane.judge.config.JudgeConfig;
import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.scorer.JudgeTask;
import dev.evalplane.judge.scorer.LlmJudge;
import dev.evalplane.judge.scorer.MissingInputException;
import dev.evalplane.judge.scorer.Scorer;
import dev.evalplane.judge.scorer.ScorerFactory;
import dev.evalplane.judge.service.ModelPrice;
import dev.evalplane.judge.service.RowEvaluator;
import dev.evalplane.judge.service.RunContext;
import dev.evalplane.judge.service.ScorerRegistry;
import dev.evalplane.judge.service.StoredTraceRows;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Scores one claimed trace with its started scorer, as an evaluation of that one trace would (same judges, judge
 * traces, feedback), under the run id {@code online-<config>-v<version>} so feedback ids are deterministic per
 * (trace, scorer, version). Before any provider call the trace's estimated judge cost is reserved against the day's
 * budget; nothing is sent when it does not fit. A trace trace-service has not stored yet is tried again later.
 */
@ApplicationScoped
public class OnlineTraceScorer {

    private static final Duration PRICE_TTL = Duration.ofMinutes(5);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(10);

    private final OnlineConfigRepository configs;
    private final OnlineClaimRepository claims;
    private final ScorerRegistry registry;
    private final ScorerFactory factory;
    private final TraceServiceClient traces;
    private final PriceBook prices;
    private final RowEvaluator evaluator;
    private final OnlineLimiters limiters;
    private final OnlineSettings settings;
    private final OnlineMetrics metrics;
    private final ModelUri defaultModel;
    private final int estimatedOutputTokens;
    private final Map<String, TimedPrice> priceCache = new ConcurrentHashMap<>();

    public OnlineTraceScorer(OnlineConfigRepository configs, OnlineClaimRepository claims, ScorerRegistry registry,
            ScorerFactory factory, TraceServiceClient traces, PriceBook prices, RowEvaluator evaluator,
            OnlineLimiters limiters, OnlineSettings settings, OnlineMetrics metrics, JudgeConfig judge) {
        this.configs = configs;
        this.claims = claims;
        this.registry = registry;
        this.factory = factory;
        this.traces = traces;
        this.prices = prices;
        this.evaluator = evaluator;
        this.limiters = limiters;
        this.settings = settings;
        this.metrics = metrics;
        this.defaultModel = ModelUri.parse(judge.defaultModel());
        this.estimatedOutputTokens = judge.estimatedOutputTokens();
    }

    /**
     * What the claims of one look need, read once for all of them: their traces from trace-service in one request
     * (a trace two scorers claimed is read once; absent when trace-service did not answer: those claims are tried
     * again like unstored traces), their configs in one query (null when the query failed), and each scorer version
     * built once.
     */
    public Uni<Batch> read(List<OnlineClaim> claims) {
        List<String> ids = claims.stream().map(OnlineClaim::traceId).distinct().toList();
        List<String> configIds = claims.stream().map(OnlineClaim::configId).distinct().toList();
        Uni<Map<String, JsonNode>> stored = ids.isEmpty() ? Uni.createFrom().item(Map.of())
                : traces.traces(ids).onFailure().recoverWithItem(e -> {
                    Log.warnf("online scoring could not read %d traces from trace-service: %s", ids.size(),
                            e.toString());
                    return Map.of();
                });
        Uni<Map<String, OnlineConfig>> byId = configs.byConfigIds(configIds).map(list -> {
            Map<String, OnlineConfig> out = new HashMap<>();
            list.forEach(c -> out.put(c.configId(), c));
            return out;
        }).onFailure().recoverWithItem(e -> {
            Log.warnf("online scoring could not read %d configs: %s", configIds.size(), e.toString());
            return null;
        });
        return Uni.combine().all().unis(stored, byId).asTuple()
                .map(t -> new Batch(t.getItem1(), t.getItem2(), new ConcurrentHashMap<>()));
    }

    /** One claim of a {@link #read} batch. */
    public Uni<Void> score(OnlineClaim claim, String owner, Batch batch) {
        return Uni.createFrom().deferred(() -> {
            if (batch.configs() == null) {
                return retryOrFail(claim, owner, "the online config could not be read");
            }
            OnlineConfig config = batch.configs().get(claim.configId());
            if (config == null || !config.started() || config.scorerVersion() != claim.scorerVersion()) {
                return skip(claim, owner, "the scorer was stopped or moved to another version before the trace was due");
            }
            return scoreStored(claim, owner, config, batch.traces().get(claim.traceId()), batch);
        }).onFailure().recoverWithUni(e -> {
            Log.warnf("online scoring of trace %s by %s failed, trying again later: %s", claim.traceId(),
                    claim.scorerName(), e.toString());
            return retryOrFail(claim, owner, "scoring failed: " + e.getMessage());
        });
    }

    /** Traces by id, configs by config id (null: not readable this time), scorers built by this batch. */
    public record Batch(Map<String, JsonNode> traces, Map<String, OnlineConfig> configs,
            Map<String, Uni<Scorer>> scorers) {
    }

    private Uni<Void> scoreStored(OnlineClaim claim, String owner, OnlineConfig config, JsonNode trace, Batch batch) {
        EvalRow row = trace == null ? null : StoredTraceRows.toRow(0, claim.traceId(), trace);
        if (row == null || row.rootSpanId() == null) {
            return retryOrFail(claim, owner, "trace-service has no root span of this trace");
        }
        if (StoredTraceRows.isJudgeTrace(trace)) {
            return skip(claim, owner, "a judge trace is never scored online");
        }
        return selectedByFilter(config, claim.traceId()).chain(selected -> {
            if (selected == null) {
                return retryOrFail(claim, owner, "trace-service could not apply filter_string");
            }
            if (!selected) {
                return skip(claim, owner, "filter_string does not select this trace");
            }
            return batch.scorers().computeIfAbsent(config.configId() + "-v" + config.scorerVersion(),
                    k -> scorer(config).memoize().indefinitely()).chain(scorer -> judge(claim, owner, config, scorer, row));
        });
    }

    private Uni<Void> judge(OnlineClaim claim, String owner, OnlineConfig config, Scorer scorer, EvalRow row) {
        Instant reservedAt = Instant.now();
        return price(scorer).chain(price -> reservation(config, scorer, row, price, reservedAt).chain(reserved -> {
            if (config.dailyBudgetUsd() != null && reserved == null) {
                metrics.skippedForBudget();
                return claims.finish(claim, owner, OnlineClaim.SKIPPED_BUDGET, null, null,
                        "the daily budget of $" + config.dailyBudgetUsd().toPlainString() + " is reached")
                        .replaceWithVoid();
            }
            ModelUri model = scorer instanceof LlmJudge judge ? judge.model() : defaultModel;
            EvaluationRequest request = new EvaluationRequest(config.experimentId(), "online " + config.scorerName(),
                    new RowSource.TraceIds(List.of(claim.traceId())), List.of(scorer), model,
                    settings.providerConcurrency(), reserved, null);
            RunContext ctx = new RunContext(config.runId(), request, limiters.of(scorer));
            if (price != null) {
                ctx.prices().put(model.toString(), price);
            }
            BigDecimal reservation = reserved == null ? BigDecimal.ZERO : reserved;
            return evaluator.evaluate(ctx, row)
                    .onFailure().call(() -> claims.settle(config.configId(), reservedAt, reservation,
                            ctx.budget().spent()))
                    .chain(() -> claims.finishScored(claim, owner, OnlineVerdicts.passed(ctx.tracker().values()),
                            ctx.budget().spent(), reservedAt, reservation))
                    .invoke(finished -> metrics.scored(claim.completedAt(),
                            !claim.completedAt().isBefore(config.startedAt().minus(settings.grace()))))
                    .replaceWithVoid();
        }));
    }

    /** The day's reservation for this trace (zero when it calls no LLM); null without budget or past the budget. */
    private Uni<BigDecimal> reservation(OnlineConfig config, Scorer scorer, EvalRow row, ModelPrice price,
            Instant now) {
        if (config.dailyBudgetUsd() == null) {
            return Uni.createFrom().nullItem();
        }
        if (!(scorer instanceof LlmJudge judge) || price == null) {
            return Uni.createFrom().item(BigDecimal.ZERO);
        }
        BigDecimal estimate = BigDecimal.ZERO;
        try {
            for (JudgeTask task : judge.tasks(row)) {
                long promptTokens = (task.prompt().system().length() + task.prompt().user().length()) / 4 + 1;
                estimate = estimate.add(price.cost(promptTokens, estimatedOutputTokens));
            }
        } catch (MissingInputException e) {
            return Uni.createFrom().item(BigDecimal.ZERO);
        }
        return claims.reserve(config.configId(), now, estimate, config.dailyBudgetUsd());
    }

    /** Whether filter_string selects the trace: true without a filter, null when trace-service did not answer. */
    private Uni<Boolean> selectedByFilter(OnlineConfig config, String traceId) {
        if (config.filterString() == null || config.filterString().isBlank()) {
            return Uni.createFrom().item(true);
        }
        String filter = config.filterString() + " AND trace.trace_id = '" + traceId + "'";
        return traces.search(config.experimentId(), filter, 1, null)
                .map(page -> !page.traces().isEmpty())
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("online scorer %s: trace search failed: %s", config.scorerName(), e.getMessage());
                    return null;
                });
    }

    private Uni<Scorer> scorer(OnlineConfig config) {
        return registry.runnable(config.experimentId(), config.scorerName(), config.scorerVersion()).map(spec -> {
            if (spec == null) {
                throw new IllegalStateException("scorer '" + config.scorerName() + "' version "
                        + config.scorerVersion() + " is no longer registered");
            }
            return factory.create(spec, defaultModel);
        });
    }

    private Uni<ModelPrice> price(Scorer scorer) {
        if (!(scorer instanceof LlmJudge judge)) {
            return Uni.createFrom().nullItem();
        }
        String key = judge.model().toString();
        TimedPrice cached = priceCache.get(key);
        if (cached != null && cached.at().plus(PRICE_TTL).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached.price());
        }
        return prices.price(judge.model()).invoke(p -> priceCache.put(key, new TimedPrice(p, Instant.now())));
    }

    private Uni<Void> skip(OnlineClaim claim, String owner, String why) {
        return claims.finish(claim, owner, OnlineClaim.SKIPPED, null, null, why).replaceWithVoid();
    }

    private Uni<Void> retryOrFail(OnlineClaim claim, String owner, String why) {
        if (claim.attempts() >= settings.traceReadAttempts()) {
            metrics.failed();
            Log.warnf("online scorer %s gives up on trace %s after %d attempts: %s", claim.scorerName(),
                    claim.traceId(), claim.attempts(), why);
            return claims.finish(claim, owner, OnlineClaim.FAILED, null, null, why).replaceWithVoid();
        }
        return claims.retryLater(List.of(claim), owner,
                List.of(retryDelay(claim.completedAt(), Instant.now(), settings.pollEvery())));
    }

    /**
     * Claims of a batch whose traces trace-service has not stored yet (nor answered for) and that have reads left:
     * all put back to PENDING in one statement (the other claims are scored one by one).
     */
    public List<OnlineClaim> unstored(List<OnlineClaim> claims, Batch batch) {
        return claims.stream().filter(c -> !batch.traces().containsKey(c.traceId())
                && c.attempts() < settings.traceReadAttempts()).toList();
    }

    public Uni<Void> retryLater(List<OnlineClaim> unstored, String owner) {
        if (unstored.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return claims.retryLater(unstored, owner,
                unstored.stream().map(c -> retryDelay(c.completedAt(), now, settings.pollEvery())).toList())
                .onFailure().invoke(e -> Log.warnf("%d online claims not put back (their leases will"
                        + " expire): %s", unstored.size(), e.toString())).onFailure().recoverWithNull();
    }

    /**
     * How long a claim whose trace trace-service has not stored yet waits before it is read again: a third of the time
     * since the trace completed, at least {@code poll-every}, at most {@code MAX_RETRY_DELAY}. A read therefore comes
     * at most a third of trace-service's lag after the trace was stored (doubling waits came up to a whole wait late:
     * 3.75 s for a trace stored 6 s after it completed), in as few reads; the default 20 reads span about two
     * minutes of trace-service's lag or outage.
     */
    static Duration retryDelay(Instant completedAt, Instant now, Duration pollEvery) {
        Duration third = Duration.between(completedAt, now).dividedBy(3);
        if (third.compareTo(pollEvery) < 0) {
            return pollEvery;
        }
        return third.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : third;
    }

    private record TimedPrice(ModelPrice price, Instant at) {
    }
}
