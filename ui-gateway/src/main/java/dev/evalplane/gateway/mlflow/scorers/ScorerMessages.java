package dev.evalplane.gateway.mlflow.scorers;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.events.http.ScorerSpec;

/** Request and response bodies of MLflow's scorer registry API (service.proto RegisterScorer ... DeleteScorer). */
final class ScorerMessages {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegisterScorer(String experimentId, String name, String serializedScorer) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RegisterScorerResponse(int version, String scorerId, String experimentId, String name,
            String serializedScorer, long creationTime) {
    }

    /** MLflow's Scorer entity; {@code experiment_id} is an int64 in the proto, sent as JSON text as MLflow does. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Scorer(String experimentId, String scorerName, int scorerVersion, String serializedScorer,
            long creationTime, String scorerId) {
    }

    record ScorerList(List<Scorer> scorers) {
    }

    record OneScorer(Scorer scorer) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeleteScorer(String experimentId, String name, Integer version) {
    }

    /** scorer-service's registration body ({@code POST /api/v1/experiments/{id}/scorers}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ServiceRegistration(String name, String description, ScorerSpec scorer, String mlflowScorer) {
    }

    /** scorer-service's registered scorer version. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ServiceScorer(String experimentId, String name, int version, String description, ScorerSpec scorer,
            String createdAt, String scorerId, String mlflowScorer) {
    }

    record ServiceScorerList(List<ServiceScorer> scorers) {
    }

    /** MLflow's upsert of a scorer's online config ({@code PUT /api/3.0/mlflow/scorers/online-config}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UpsertOnlineConfig(String experimentId, String name, Double sampleRate, String filterString) {
    }

    /** MLflow's OnlineScoringConfig: a stopped config has sample_rate 0, as MLflow stores a stop. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OnlineConfig(String onlineScoringConfigId, String scorerId, double sampleRate, String experimentId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String filterString) {
    }

    record OneOnlineConfig(OnlineConfig config) {
    }

    record OnlineConfigList(List<OnlineConfig> configs) {
    }

    private ScorerMessages() {
    }
}
