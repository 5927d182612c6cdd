package dev.evalplane.judge.online;

import java.math.BigDecimal;

import dev.evalplane.judge.domain.Refusals;
import dev.evalplane.support.error.InvalidInputException;

/**
 * What a start or an update asks of the service, read from {@link OnlineScoringStart} or {@link OnlineScoringUpdate}:
 * {@code hasFilter}/{@code hasBudget} say whether the filter and the budget are set (a start sets both; an update
 * only those in its body, where null clears them).
 */
public record OnlineScoringRequest(Double sampleRate, boolean hasFilter, String filterString, boolean hasBudget,
        BigDecimal dailyBudgetUsd, Integer scorerVersion, Integer backfillHours) {

    static final int MAX_FILTER = 2000;
    static final String FILTER_RULE = "must be a string of at most " + MAX_FILTER + " characters";
    static final String MAX_BUDGET = "1000000";
    static final String BUDGET_RULE = "must be a number of US dollars above 0 and at most " + MAX_BUDGET;
    /** The longest backfill window: a week of stored traces. */
    static final int MAX_BACKFILL_HOURS = 168;
    static final String BACKFILL_RULE = "must be a whole number of hours from 1 to " + MAX_BACKFILL_HOURS;

    /** A filter as stored: trimmed, none when blank. */
    static String filter(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static InvalidInputException invalid(String detail) {
        return Refusals.invalidOnlineScoring(detail);
    }
}
