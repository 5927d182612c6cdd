package dev.evalplane.judge.domain;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A persisted evaluation run (table {@code scoring.runs}): one evalplane executed ({@code origin} EVALPLANE) or one the
 * MLflow client created and wrote itself (MLFLOW_CLIENT: no model, counters 0, with the client's params, tags and
 * user).
 */
public record EvaluationRun(String runId, String experimentId, String name, String status, String sourceKind,
        String model, Integer maxConcurrency, BigDecimal budgetUsd, Integer rowsTotal, int rowsDone, int judgeCalls,
        int judgeCallsFailed, int judgementsSkipped, int llmRequests, long inputTokens, long outputTokens,
        JsonNode metrics, String error, Instant createdAt, Instant finishedAt, String origin, JsonNode params,
        JsonNode tags, String userId) {

    public static final String ORIGIN_EVALPLANE = "EVALPLANE";
    public static final String ORIGIN_MLFLOW_CLIENT = "MLFLOW_CLIENT";

    public boolean clientRun() {
        return ORIGIN_MLFLOW_CLIENT.equals(origin);
    }
}
