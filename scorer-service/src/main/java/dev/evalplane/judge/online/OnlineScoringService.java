package dev.evalplane.judge.online;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.evalplane.events.http.OnlineConfigView;
import dev.evalplane.judge.domain.RegisteredScorer;
import dev.evalplane.judge.client.TraceServiceClient;
import dev.evalplane.judge.domain.Refusals;
import dev.evalplane.support.error.NotFoundException;
import dev.evalplane.judge.service.ScorerRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Starts, updates and stops a registered scorer on its experiment, and reads what it did. Start pins the scorer's
 * version (the latest unless {@code scorer_version} names one); a filter trace-service rejects is a 400 naming why.
 */
@ApplicationScoped
public class OnlineScoringService {

    static final int SPEND_DAYS = 30;

    private final OnlineConfigRepository configs;
    private final OnlineStatsRepository stats;
    private final ScorerRegistry registry;
    private final TraceServiceClient traces;
    private final StartedConfigs started;
    private final OnlineLimiters limiters;
    private final ConsumerLag lag;
    private final OnlineBackfill backfill;

    public OnlineScoringService(OnlineConfigRepository configs, OnlineStatsRepository stats, ScorerRegistry registry,
            TraceServiceClient traces, StartedConfigs started, OnlineLimiters limiters, ConsumerLag lag,
            OnlineBackfill backfill) {
        this.configs = configs;
        this.stats = stats;
        this.registry = registry;
        this.traces = traces;
        this.started = started;
        this.limiters = limiters;
        this.lag = lag;
        this.backfill = backfill;
    }

    public Uni<OnlineConfigView> start(String experimentId, String name, OnlineScoringRequest request) {
        return registry.get(experimentId, name, request.scorerVersion())
                .call(scorer -> checkFilter(experimentId, request.filterString()))
                .chain(scorer -> configs.start(experimentId, name, scorer.version(), request.sampleRate(),
                        request.filterString(), request.dailyBudgetUsd()))
                .call(started::refresh)
                .chain(config -> request.backfillHours() == null ? view(config)
                        : backfill.run(config, request.backfillHours())
                                .onFailure().transform(e -> Refusals.backfillFailed(
                                        "scorer '" + name + "' is started, but its backfill stopped: "
                                                + e.getMessage() + "; start it again with backfill_hours to finish it"
                                                + " (traces already claimed are not scored twice)"))
                                .chain(done -> view(config).map(v -> v.withBackfill(done))));
    }

    public Uni<OnlineConfigView> update(String experimentId, String name, OnlineScoringRequest request) {
        return configs.find(experimentId, name).chain(current -> {
            if (current == null || !current.started()) {
                throw notStarted(experimentId, name);
            }
            Uni<RegisteredScorer> version = request.scorerVersion() == null ? Uni.createFrom().nullItem()
                    : registry.get(experimentId, name, request.scorerVersion());
            String filter = request.hasFilter() ? request.filterString() : current.filterString();
            BigDecimal budget = request.hasBudget() ? request.dailyBudgetUsd() : current.dailyBudgetUsd();
            double rate = request.sampleRate() != null ? request.sampleRate() : current.sampleRate();
            return version.call(v -> request.hasFilter() ? checkFilter(experimentId, filter) : Uni.createFrom().voidItem())
                    .chain(v -> configs.update(experimentId, name, v == null ? current.scorerVersion() : v.version(),
                            rate, filter, budget));
        }).onItem().ifNull().failWith(() -> notStarted(experimentId, name))
                .call(started::refresh)
                .chain(this::view);
    }

    public Uni<OnlineConfigView> stop(String experimentId, String name) {
        return configs.stop(experimentId, name).onItem().ifNull().failWith(() -> notStarted(experimentId, name))
                .call(started::refresh)
                .chain(this::view);
    }

    public Uni<OnlineConfigView> get(String experimentId, String name) {
        return configs.find(experimentId, name).onItem().ifNull().failWith(() -> Refusals.onlineScoringNotFound(
                "scorer '" + name + "' was never started on experiment '" + experimentId + "'"))
                .chain(this::view);
    }

    /** The configs, started and stopped, of the scorers with these registry ids (MLflow's scorer_id). */
    public Uni<List<OnlineConfigView>> byScorerIds(List<String> scorerIds) {
        return configs.byScorerIds(scorerIds).chain(list -> {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            return stats.spend(list.stream().map(OnlineConfig::configId).toList(), today)
                    .map(spend -> list.stream().map(c -> view(c, today(c, spend, today))).toList());
        });
    }

    /** The monitoring view of an experiment; {@code bucket} is {@code hour} (last 48) or {@code day} (last 30). */
    public Uni<MonitoringView> monitoring(String experimentId, String bucket) {
        String unit = bucket == null || bucket.isBlank() ? "hour" : bucket;
        if (!unit.equals("hour") && !unit.equals("day")) {
            throw OnlineScoringRequest.invalid("bucket must be 'hour' or 'day', got '" + bucket + "'");
        }
        int buckets = unit.equals("hour") ? 48 : SPEND_DAYS;
        return configs.list(experimentId).chain(list -> {
            List<String> ids = list.stream().map(OnlineConfig::configId).toList();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            return Uni.combine().all().unis(stats.verdicts(experimentId, unit, buckets),
                    stats.spend(ids, today.minusDays(SPEND_DAYS - 1)), stats.backlog(experimentId))
                    .asTuple().map(t -> {
                        List<MonitoringView.Scorer> scorers = new ArrayList<>();
                        for (OnlineConfig c : list) {
                            scorers.add(scorer(c, t.getItem1(), t.getItem2(), t.getItem3(), today));
                        }
                        return new MonitoringView(experimentId, unit, lag.records(), limiters.limits(), scorers);
                    });
        });
    }

    private static MonitoringView.Scorer scorer(OnlineConfig c, List<OnlineStatsRepository.Bucket> buckets,
            List<OnlineStatsRepository.DaySpend> spend, List<OnlineStatsRepository.Backlog> backlog, LocalDate today) {
        List<MonitoringView.PassRate> rates = buckets.stream().filter(b -> b.configId().equals(c.configId()))
                .map(b -> new MonitoringView.PassRate(b.start().toString(), b.scored(), b.passed(), b.failed(),
                        b.passed() + b.failed() == 0 ? null : b.passed() / (double) (b.passed() + b.failed())))
                .toList();
        List<MonitoringView.Spend> days = spend.stream().filter(s -> s.configId().equals(c.configId()))
                .map(s -> new MonitoringView.Spend(s.day().toString(), s.spentUsd(), c.dailyBudgetUsd(), s.scored(),
                        s.skippedBudget(), s.budgetReachedAt() != null))
                .toList();
        OnlineStatsRepository.Backlog pending = backlog.stream().filter(b -> b.configId().equals(c.configId()))
                .findFirst().orElse(null);
        Double age = pending == null ? null
                : (Instant.now().toEpochMilli() - pending.oldestCompletedAt().toEpochMilli()) / 1000.0;
        return new MonitoringView.Scorer(view(c, today(c, spend, today)), rates, days,
                pending == null ? 0 : pending.pending(), age);
    }

    private Uni<OnlineConfigView> view(OnlineConfig c) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return stats.spend(List.of(c.configId()), today).map(spend -> view(c, today(c, spend, today)));
    }

    private static OnlineConfigView view(OnlineConfig c, OnlineConfigView.Today today) {
        return new OnlineConfigView(c.experimentId(), c.scorerName(), c.scorerVersion(), c.configId(), c.scorerId(),
                c.status(), c.sampleRate(), c.filterString(), c.dailyBudgetUsd(), c.startedAt().toString(),
                c.updatedAt().toString(), today, null);
    }

    private static OnlineConfigView.Today today(OnlineConfig c, List<OnlineStatsRepository.DaySpend> spend,
            LocalDate today) {
        Map<LocalDate, OnlineStatsRepository.DaySpend> byDay = new HashMap<>();
        spend.stream().filter(s -> s.configId().equals(c.configId())).forEach(s -> byDay.put(s.day(), s));
        OnlineStatsRepository.DaySpend d = byDay.get(today);
        if (d == null) {
            return new OnlineConfigView.Today(today.toString(), BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, false);
        }
        return new OnlineConfigView.Today(today.toString(), d.spentUsd(), d.reservedUsd(), d.scored(),
                d.skippedBudget(), d.budgetReachedAt() != null);
    }

    private Uni<Void> checkFilter(String experimentId, String filter) {
        if (filter == null) {
            return Uni.createFrom().voidItem();
        }
        return traces.filterProblem(experimentId, filter).invoke(problem -> {
            if (problem != null) {
                throw OnlineScoringRequest.invalid("filter_string: " + problem);
            }
        }).replaceWithVoid();
    }

    private static NotFoundException notStarted(String experimentId, String name) {
        return Refusals.onlineScoringNotFound("scorer '" + name + "' is not started on experiment '" + experimentId
                + "'");
    }
}
