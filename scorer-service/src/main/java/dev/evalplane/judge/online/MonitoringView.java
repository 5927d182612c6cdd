package dev.evalplane.judge.online;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.evalplane.events.http.OnlineConfigView;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /api/v1/experiments/{id}/online-scorers}: every scorer started (or once started) on the experiment with
 * its verdicts per {@code bucket}, spend per day against its budget, and backlog; the consumer lag of the span
 * consumer and the provider limits of the answering replica.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MonitoringView(String experimentId, String bucket, long consumerLag, Map<String, Integer> providerLimits,
        List<Scorer> scorers) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Scorer(OnlineConfigView config, List<PassRate> passRate, List<Spend> spend, long backlog,
            Double oldestPendingAgeSeconds) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PassRate(String start, long scored, long passed, long failed, Double passRate) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Spend(String day, BigDecimal spentUsd, BigDecimal budgetUsd, long scored, long skippedBudget,
            boolean budgetReached) {
    }
}
