package dev.evalplane.judge;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** A persisted evaluation run (table {@code scoring.runs}). */
public record EvaluationRun(String runId, String experimentId, String name, String status, String sourceKind,
        String model, int maxConcurrency, BigDecimal budgetUsd, Integer rowsTotal, int rowsDone, int judgeCalls,
        int judgeCallsFailed, int judgementsSkipped, int llmRequests, long inputTokens, long outputTokens,
        JsonNode metrics, String error, Instant createdAt, Instant finishedAt) {
}
