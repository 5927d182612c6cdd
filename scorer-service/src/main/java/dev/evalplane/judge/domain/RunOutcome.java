package dev.evalplane.judge.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A finished run's status and the sentence that says what happened, e.g. {@code COMPLETED} with
 * "3 of 9 judge calls failed: provider returned 503". FAILED when nothing could be judged (every row unreadable,
 * every judge call failed, or the traces could not be listed) and when any row lost what it produced (a span or a
 * feedback Kafka did not take: the results are incomplete, so the run is never COMPLETED); COMPLETED otherwise, with
 * the partial failures said.
 */
public record RunOutcome(String status, String error) {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    public static RunOutcome failed(String error) {
        return new RunOutcome(FAILED, error);
    }

    public static RunOutcome of(RunProgress p, BigDecimal budget, boolean cancelled) {
        if (p.rowsLost() > 0) {
            return failed(p.rowsLost() + " of " + p.rowsTotal() + " rows lost spans or feedback that could not be"
                    + " written to Kafka, so the results are incomplete: " + reasons(p.lostReasons())
                    + (cancelled ? "; cancelled after " + p.rowsDone() + " rows" : ""));
        }
        if (cancelled) {
            return new RunOutcome(CANCELLED, "cancelled after " + p.rowsDone() + " of " + p.rowsTotal() + " rows");
        }
        if (p.rowsTotal() > 0 && p.rowsFailed() == p.rowsTotal()) {
            return failed("all " + p.rowsTotal() + " rows failed: " + reasons(p.rowFailureReasons()));
        }
        if (p.judgeCalls() > 0 && p.judgeCallsFailed() == p.judgeCalls()) {
            List<String> parts = new ArrayList<>(List.of("all " + p.judgeCalls() + " judge calls failed: "
                    + reasons(p.failureReasons())));
            parts.addAll(skips(p, budget));
            return failed(String.join("; ", parts));
        }
        List<String> parts = new ArrayList<>();
        if (p.judgeCallsFailed() > 0) {
            parts.add(p.judgeCallsFailed() + " of " + p.judgeCalls() + " judge calls failed: " + reasons(p.failureReasons()));
        }
        parts.addAll(skips(p, budget));
        if (p.rowsFailed() > 0) {
            parts.add(p.rowsFailed() + " of " + p.rowsTotal() + " rows could not be evaluated: "
                    + reasons(p.rowFailureReasons()));
        }
        return new RunOutcome(COMPLETED, parts.isEmpty() ? null : String.join("; ", parts));
    }

    private static List<String> skips(RunProgress p, BigDecimal budget) {
        List<String> parts = new ArrayList<>();
        if (p.skippedBudget() > 0) {
            parts.add("budget of $" + (budget == null ? "?" : budget.toPlainString()) + " reached: " + p.skippedBudget()
                    + " judgements not run (BUDGET_EXCEEDED)");
        }
        if (p.skippedMissingInput() > 0) {
            parts.add(p.skippedMissingInput() + " judgements not run: the rows lack what the judge needs (MISSING_INPUT)");
        }
        return parts;
    }

    static String reasons(Map<String, Integer> reasons) {
        if (reasons.size() == 1) {
            return reasons.keySet().iterator().next();
        }
        return reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
    }

    /** "COMPLETED: 3 of 9 judge calls failed: provider returned 503", or just the status. */
    public static String message(String status, String error) {
        return error == null ? status : status + ": " + error;
    }
}
