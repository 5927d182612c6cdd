package dev.evalplane.judge.domain;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/v1/client-runs/{run_id}}: what the MLflow client logs to its own run (runs/update, log-batch,
 * log-metric, log-parameter, set-tag, delete-tag), every field optional. {@code status} is evalplane's run status
 * (RUNNING, COMPLETED, FAILED, CANCELLED); a final status without {@code endTimeMs} ends the run now. A param keeps
 * its first value (MLflow params are immutable).
 */
public record ClientRunUpdate(String status, @JsonProperty("end_time_ms") Long endTimeMs, String name,
        Map<String, Double> metrics, Map<String, String> params, Map<String, String> tags,
        @JsonProperty("deleted_tags") List<String> deletedTags) {

    public static final List<String> STATUSES = List.of("RUNNING", "COMPLETED", "FAILED", "CANCELLED");

    public ClientRunUpdate {
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + STATUSES + ", got '" + status + "'");
        }
        ClientRunLimits.time("end_time_ms", endTimeMs);
        ClientRunLimits.optionalText("name", name, ClientRunLimits.MAX_NAME);
        metrics = ClientRunLimits.metrics(metrics);
        params = ClientRunLimits.params(params);
        tags = ClientRunLimits.tags(tags);
        deletedTags = ClientRunLimits.keys("deleted_tags", deletedTags);
    }

    public boolean finishes() {
        return status != null && !"RUNNING".equals(status);
    }
}
