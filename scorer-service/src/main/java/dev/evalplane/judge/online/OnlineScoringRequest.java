package dev.evalplane.judge.online;

import java.math.BigDecimal;

import dev.evalplane.events.http.OnlineScoringStart;
import dev.evalplane.events.http.OnlineScoringUpdate;
import dev.evalplane.judge.domain.Refusals;
import dev.evalplane.support.error.InvalidInputException;

/**
 * What a start or an update asks of the service, read from {@link OnlineScoringStart} or {@link OnlineScoringUpdate}:
 * {@code hasFilter}/{@code hasBudget} say whether the filter and the budget are set (a start sets both; an update
 * only those in its body, where null clears them).
 */
public record OnlineScoringRequest(Double sampleRate, boolean hasFilter, String filterString, boolean hasBudget,
        BigDecimal dailyBudgetUsd, Integer scorerVersion, Integer backfillHours) {

    /** What a start asks: every field set (a blank filter is no filter). */
    static OnlineScoringRequest of(OnlineScoringStart start) {
        return new OnlineScoringRequest(start.sampleRate(), true, filter(start.filterString()), true,
                start.dailyBudgetUsd(), start.scorerVersion(), start.backfillHours());
    }

    /** What an update changes: only the filter and budget its body has (null clears them). */
    static OnlineScoringRequest of(OnlineScoringUpdate update) {
        return new OnlineScoringRequest(update.sampleRate(), update.filterString().isPresent(),
                filter(update.filterString().value()), update.dailyBudgetUsd().isPresent(),
                update.dailyBudgetUsd().value(), update.scorerVersion(), null);
    }

    /** A filter as stored: trimmed, none when blank. */
    static String filter(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    static InvalidInputException invalid(String detail) {
        return Refusals.invalidOnlineScoring(detail);
    }
}
