package dev.evalplane.events.http;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A started (or stopped) scorer as the API shows it, with today's (UTC) judge spend: {@code budget_reached} says that
 * scoring is stopped for the rest of the day. {@code scorer_id} is the registry's id of the scorer (MLflow's);
 * {@code backfill} is what a start with {@code backfill_hours} claimed (null otherwise). scorer-service answers it
 * for start, update, stop and get; the gateway's MLflow online config reads it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OnlineConfigView(String experimentId, String scorerName, int scorerVersion, String configId,
        String scorerId, String status, double sampleRate, String filterString, BigDecimal dailyBudgetUsd,
        String startedAt, String updatedAt, Today today, Backfill backfill) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Today(String day, BigDecimal spentUsd, BigDecimal reservedUsd, long scored, long skippedBudget,
            boolean budgetReached) {
    }

    /**
     * What a start with {@code backfill_hours} did: the stored traces of {@code [from, until)} it looked at,
     * how many of them became new claims (sampled, not a judge trace, not claimed before), and whether the window
     * held more traces than one backfill takes ({@code truncated}: the newest were taken).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Backfill(int hours, String from, String until, long tracesSeen, long claimed, boolean truncated) {
    }

    /** This view with what a start's backfill did. */
    public OnlineConfigView withBackfill(Backfill done) {
        return new OnlineConfigView(experimentId, scorerName, scorerVersion, configId, scorerId, status, sampleRate,
                filterString, dailyBudgetUsd, startedAt, updatedAt, today, done);
    }
}
