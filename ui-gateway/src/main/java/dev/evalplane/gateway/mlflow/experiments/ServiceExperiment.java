package dev.evalplane.gateway.mlflow.experiments;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** trace-service's experiment ({@code /api/v1/experiments/...}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ServiceExperiment(String experimentId, String name, Map<String, String> tags, long creationTimeMs,
        long lastUpdateTimeMs) {

    /** trace-service's page of experiments. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Page(List<ServiceExperiment> experiments, String nextPageToken) {
    }
}
