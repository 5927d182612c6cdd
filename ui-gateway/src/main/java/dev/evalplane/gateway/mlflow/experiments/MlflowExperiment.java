package dev.evalplane.gateway.mlflow.experiments;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.gateway.mlflow.MlflowTag;

/** MLflow's {@code Experiment} message. evalplane stores no artifacts, so the artifact location is empty. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MlflowExperiment(String experimentId, String name, String artifactLocation, String lifecycleStage,
        long lastUpdateTime, long creationTime, List<MlflowTag> tags) {

    static MlflowExperiment of(ServiceExperiment e) {
        return new MlflowExperiment(e.experimentId(), e.name(), "", "active", e.lastUpdateTimeMs(), e.creationTimeMs(),
                MlflowTag.list(e.tags()));
    }
}
