package dev.evalplane.gateway.mlflow.experiments;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.gateway.mlflow.MlflowTag;

/** Request and response bodies of MLflow's experiment API (service.proto). */
final class ExperimentMessages {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateExperiment(String name, String artifactLocation, List<MlflowTag> tags) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateExperimentResponse(String experimentId) {
    }

    record ExperimentResponse(MlflowExperiment experiment) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SearchExperiments(Long maxResults, String pageToken, String filter, List<String> orderBy, String viewType) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SearchExperimentsResponse(List<MlflowExperiment> experiments, String nextPageToken) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetExperimentTag(String experimentId, String key, String value) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeleteExperimentTag(String experimentId, String key) {
    }

    private ExperimentMessages() {
    }
}
