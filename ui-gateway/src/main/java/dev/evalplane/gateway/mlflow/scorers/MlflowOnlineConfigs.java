package dev.evalplane.gateway.mlflow.scorers;

import static dev.evalplane.gateway.mlflow.MlflowParams.encode;
import static dev.evalplane.gateway.mlflow.MlflowParams.required;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.evalplane.events.OnlineConfigIds;
import dev.evalplane.events.http.OnlineConfigView;
import dev.evalplane.events.http.OnlineScoringStart;
import dev.evalplane.events.http.OnlineScoringUpdate;
import dev.evalplane.events.http.Patch;
import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.mlflow.MlflowErrorCode;
import dev.evalplane.gateway.mlflow.MlflowException;
import dev.evalplane.gateway.mlflow.ServiceCalls;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.OnlineConfig;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.OnlineConfigList;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.ServiceScorer;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.UpsertOnlineConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * MLflow's online scoring configs ({@code scorer.start/update/stop} and what {@code get_scorer}/{@code list_scorers}
 * show) on scorer-service's online scoring. MLflow upserts one config per scorer, {@code sample_rate} 0 meaning
 * stopped; here a rate above 0 starts a scorer that is not started (keeping a daily budget set through evalplane's
 * API) or updates a started one (rate and filter replaced, as MLflow replaces them), and 0 stops it. The daily budget
 * and backfill stay evalplane's own (its API and CLI).
 */
@ApplicationScoped
public class MlflowOnlineConfigs {

    static final int MAX_SCORER_IDS = 1000;
    /** scorer ids per call to scorer-service, so its request line stays short. */
    static final int IDS_PER_CALL = 50;
    private static final String STARTED = "STARTED";

    private final ServiceCalls services;

    public MlflowOnlineConfigs(ServiceCalls services) {
        this.services = services;
    }

    public Uni<OnlineConfig> upsert(UpsertOnlineConfig request) {
        String experimentId = required("experiment_id", request.experimentId());
        String name = required("name", request.name());
        if (request.sampleRate() == null) {
            throw MlflowException.missing("sample_rate");
        }
        double rate = request.sampleRate();
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw MlflowException.invalidParameter("sample_rate must be between 0.0 and 1.0, got " + rate);
        }
        String scorer = scorerPath(experimentId, name);
        return current(scorer).chain(current -> {
            if (rate == 0.0) {
                if (current == null) {
                    return neverStarted(experimentId, name);
                }
                return STARTED.equals(current.status())
                        ? services.post(Upstream.SCORER_SERVICE, scorer + "/stop", null, OnlineConfigView.class)
                                .map(MlflowOnlineConfigs::toMlflow)
                        : Uni.createFrom().item(toMlflow(current));
            }
            if (current != null && STARTED.equals(current.status())) {
                // MLflow's upsert replaces the filter (null clears it); the daily budget is evalplane's own: kept
                OnlineScoringUpdate update = new OnlineScoringUpdate(rate, Patch.of(request.filterString()),
                        Patch.absent(), null);
                return services.post(Upstream.SCORER_SERVICE, scorer + "/update", update, OnlineConfigView.class)
                        .map(MlflowOnlineConfigs::toMlflow);
            }
            return services.post(Upstream.SCORER_SERVICE, scorer + "/start", new OnlineScoringStart(rate,
                    request.filterString(), current == null ? null : current.dailyBudgetUsd(), null, null),
                    OnlineConfigView.class).map(MlflowOnlineConfigs::toMlflow);
        }).onFailure(MlflowException.class).transform(e -> MlflowScorerResource.notFound((MlflowException) e, experimentId,
                name, null));
    }

    /** The configs of these scorers (by MLflow scorer_id); scorers never started have none. */
    public Uni<OnlineConfigList> of(List<String> scorerIds) {
        if (scorerIds == null || scorerIds.isEmpty()) {
            return Uni.createFrom().item(new OnlineConfigList(List.of()));
        }
        if (scorerIds.size() > MAX_SCORER_IDS) {
            throw MlflowException.invalidParameter("at most " + MAX_SCORER_IDS + " scorer_ids per call");
        }
        List<Uni<dev.evalplane.events.http.OnlineConfigList>> calls = new ArrayList<>();
        for (int i = 0; i < scorerIds.size(); i += IDS_PER_CALL) {
            String query = scorerIds.subList(i, Math.min(scorerIds.size(), i + IDS_PER_CALL)).stream()
                    .map(id -> "scorer_id=" + encode(id)).collect(Collectors.joining("&"));
            calls.add(services.get(Upstream.SCORER_SERVICE, "/api/v1/online-configs?" + query,
                    dev.evalplane.events.http.OnlineConfigList.class));
        }
        return Uni.join().all(calls).andFailFast().map(lists -> new OnlineConfigList(lists.stream()
                .flatMap(l -> l.configs().stream()).map(MlflowOnlineConfigs::toMlflow).toList()));
    }

    /** scorer-service's config of the scorer, null when it was never started. */
    private Uni<OnlineConfigView> current(String scorer) {
        return services.get(Upstream.SCORER_SERVICE, scorer + "/online", OnlineConfigView.class)
                .onFailure(e -> e instanceof MlflowException m && m.code() == MlflowErrorCode.RESOURCE_DOES_NOT_EXIST)
                .recoverWithNull();
    }

    /** A stop of a registered scorer that was never started: nothing to stop; its config reads as stopped. */
    private Uni<OnlineConfig> neverStarted(String experimentId, String name) {
        return services.get(Upstream.SCORER_SERVICE, scorerPath(experimentId, name), ServiceScorer.class)
                .map(s -> new OnlineConfig(OnlineConfigIds.of(experimentId, name), s.scorerId(), 0.0, experimentId,
                        null));
    }

    private static OnlineConfig toMlflow(OnlineConfigView c) {
        return new OnlineConfig(c.configId(), c.scorerId(), STARTED.equals(c.status()) ? c.sampleRate() : 0.0,
                c.experimentId(), c.filterString());
    }

    private static String scorerPath(String experimentId, String name) {
        return MlflowScorerResource.registry(experimentId) + "/" + encode(name);
    }
}
