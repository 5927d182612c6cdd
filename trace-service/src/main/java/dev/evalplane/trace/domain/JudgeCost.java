package dev.evalplane.trace.domain;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Judge cost of a set of feedback: {@code total_cost} is exact and null unless every judge call is priced
 * ({@code cost_status} PRICED, or NO_USAGE when there was no judge call at all: then it is 0). While it is null the
 * known part is still told: {@code known_cost}, the exact sum of the priced calls, and {@code unpriced_calls}, how
 * many calls are not (wholly) priced; {@code unpriced_models} names their models where the summary looked them up
 * (empty elsewhere).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JudgeCost(BigDecimal totalCost, long inputTokens, long outputTokens, String costStatus,
        BigDecimal knownCost, long unpricedCalls, List<String> unpricedModels) {

    public JudgeCost {
        unpricedModels = unpricedModels == null ? List.of() : List.copyOf(unpricedModels);
    }

    public JudgeCost withUnpricedModels(List<String> models) {
        return new JudgeCost(totalCost, inputTokens, outputTokens, costStatus, knownCost, unpricedCalls, models);
    }
}
