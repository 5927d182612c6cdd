package dev.evalplane.judge.domain;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/v1/client-runs}: a run the MLflow client creates for itself (runs/create). {@code startTimeMs}
 * defaults to now; {@code tags} are the client's run tags.
 */
public record ClientRunCreate(@JsonProperty("experiment_id") String experimentId, String name,
        @JsonProperty("user_id") String userId, @JsonProperty("start_time_ms") Long startTimeMs,
        Map<String, String> tags) {

    public ClientRunCreate {
        ClientRunLimits.id("experiment_id", experimentId);
        ClientRunLimits.optionalText("name", name, ClientRunLimits.MAX_NAME);
        ClientRunLimits.optionalText("user_id", userId, ClientRunLimits.MAX_KEY);
        ClientRunLimits.time("start_time_ms", startTimeMs);
        tags = ClientRunLimits.tags(tags);
    }
}
