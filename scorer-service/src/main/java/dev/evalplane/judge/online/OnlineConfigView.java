package dev.evalplane.judge.online;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A started (or stopped) scorer as the API shows it, with today's (UTC) judge spend: {@code budget_reached} says that
 * scoring is stopped for the rest of the day.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OnlineConfigView(String experimentId, String scorerName, int scorerVersion, String configId,
        String status, double sampleRate, String filterString, BigDecimal dailyBudgetUsd, String startedAt,
        String updatedAt, Today today) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Today(String day, BigDecimal spentUsd, BigDecimal reservedUsd, long scored, long skippedBudget,
            boolean budgetReached) {
    }

    static OnlineConfigView of(OnlineConfig c, Today today) {
        return new OnlineConfigView(c.experimentId(), c.scorerName(), c.scorerVersion(), c.configId(), c.status(),
                c.sampleRate(), c.filterString(), c.dailyBudgetUsd(), c.startedAt().toString(),
                c.updatedAt().toString(), today);
    }
}
