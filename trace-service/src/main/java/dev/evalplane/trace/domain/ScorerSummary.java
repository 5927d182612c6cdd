package dev.evalplane.trace.domain;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Per assessment name of a run: {@code count} valid feedback, judge cost over all its feedback (overridden ones
 * included: they were paid for), {@code pass_rate} over yes/no/true/false values (null when none),
 * {@code mean} over numeric values (null when none), {@code errors} valid feedback carrying an error;
 * {@code known_cost}, {@code unpriced_calls} and {@code unpriced_models} as in {@link JudgeCost}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScorerSummary(String name, long count, BigDecimal totalCost, long inputTokens, long outputTokens,
        String costStatus, BigDecimal passRate, BigDecimal mean, long errors, BigDecimal knownCost,
        long unpricedCalls, List<String> unpricedModels) {

    public ScorerSummary {
        unpricedModels = unpricedModels == null ? List.of() : List.copyOf(unpricedModels);
    }
}
