package dev.evalplane.judge.domain;

import java.util.Map;

/**
 * A snapshot of a run's counters; {@code failureReasons} counts failed judge calls by cause; {@code rowsLost} counts
 * rows whose spans or feedback Kafka did not take (by cause in {@code lostReasons}).
 */
public record RunProgress(int rowsTotal, int rowsDone, int rowsFailed, int judgeCalls, int judgeCallsFailed,
        int llmRequests, int skippedBudget, int skippedMissingInput, long inputTokens, long outputTokens,
        Map<String, Integer> failureReasons, Map<String, Integer> rowFailureReasons, int rowsLost,
        Map<String, Integer> lostReasons) {
}
