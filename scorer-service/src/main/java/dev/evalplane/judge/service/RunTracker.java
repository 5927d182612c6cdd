package dev.evalplane.judge.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.TokenUsage;
import dev.evalplane.judge.domain.RunProgress;

/** A run's live counters, failure reasons and feedback values (for the metrics). Thread-safe. */
public final class RunTracker {

    private int rowsTotal;
    private int rowsDone;
    private int rowsFailed;
    private int rowsLost;
    private int judgeCalls;
    private int judgeCallsFailed;
    private int llmRequests;
    private int skippedBudget;
    private int skippedMissingInput;
    private long inputTokens;
    private long outputTokens;
    private final Map<String, Integer> failureReasons = new LinkedHashMap<>();
    private final Map<String, Integer> rowFailureReasons = new LinkedHashMap<>();
    private final Map<String, Integer> lostReasons = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> values = new LinkedHashMap<>();
    private final Map<String, List<String>> aggregations = new LinkedHashMap<>();

    public synchronized void rowsTotal(int total) {
        rowsTotal = total;
    }

    public synchronized void rowDone() {
        rowsDone++;
    }

    public synchronized void rowFailed(String reason) {
        rowsDone++;
        rowsFailed++;
        rowFailureReasons.merge(reason, 1, Integer::sum);
    }

    /** A row some of whose spans or feedback Kafka did not take: the run's results are incomplete. */
    public synchronized void rowLost(String reason) {
        rowsDone++;
        rowsLost++;
        lostReasons.merge(reason, 1, Integer::sum);
    }

    /** A judgement that called the provider {@code requests} times (retries included). */
    public synchronized void judgeCall(int requests, TokenUsage usage, String failureReason) {
        judgeCalls++;
        llmRequests += requests;
        if (usage != null) {
            inputTokens += TokenUsage.orZero(usage.inputTokens());
            outputTokens += TokenUsage.orZero(usage.outputTokens());
        }
        if (failureReason != null) {
            judgeCallsFailed++;
            failureReasons.merge(failureReason, 1, Integer::sum);
        }
    }

    public synchronized void skippedForBudget() {
        skippedBudget++;
    }

    public synchronized void skippedForMissingInput() {
        skippedMissingInput++;
    }

    public synchronized void value(String feedbackName, JsonNode value, List<String> aggs) {
        values.computeIfAbsent(feedbackName, k -> new ArrayList<>()).add(value);
        aggregations.putIfAbsent(feedbackName, aggs);
    }

    public synchronized RunProgress snapshot() {
        return new RunProgress(rowsTotal, rowsDone, rowsFailed, judgeCalls, judgeCallsFailed, llmRequests,
                skippedBudget, skippedMissingInput, inputTokens, outputTokens, new LinkedHashMap<>(failureReasons),
                new LinkedHashMap<>(rowFailureReasons), rowsLost, new LinkedHashMap<>(lostReasons));
    }

    public synchronized Map<String, List<JsonNode>> values() {
        Map<String, List<JsonNode>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    public synchronized Map<String, List<String>> aggregations() {
        return new LinkedHashMap<>(aggregations);
    }
}
