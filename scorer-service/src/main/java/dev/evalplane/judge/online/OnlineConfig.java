package dev.evalplane.judge.online;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A scorer started on an experiment (table {@code scoring.online_configs}); {@code scorerId} is the registry's id of
 * the scorer name (MLflow's scorer_id), null once every version was deleted.
 */
public record OnlineConfig(String experimentId, String scorerName, String configId, int scorerVersion,
        double sampleRate, String filterString, BigDecimal dailyBudgetUsd, String status, Instant startedAt,
        Instant updatedAt, String scorerId) {

    public static final String STARTED = "STARTED";
    public static final String STOPPED = "STOPPED";
    /** Prefix of the run id online feedback carries as {@code mlflow.assessment.sourceRunId}. */
    public static final String RUN_PREFIX = "online-";

    public boolean started() {
        return STARTED.equals(status);
    }

    /** The run id its feedback and judge traces carry: one per config and scorer version. */
    public String runId() {
        return runId(configId, scorerVersion);
    }

    public static String runId(String configId, int version) {
        return RUN_PREFIX + configId + "-v" + version;
    }

    /** The config id inside an online run id, or null when {@code runId} is not one. */
    public static String configIdOf(String runId) {
        if (runId == null || !runId.startsWith(RUN_PREFIX)) {
            return null;
        }
        int v = runId.lastIndexOf("-v");
        return v <= RUN_PREFIX.length() ? null : runId.substring(RUN_PREFIX.length(), v);
    }
}
