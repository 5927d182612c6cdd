package dev.evalplane.events.http;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
@Schema(description = "Judge cost of a set of feedback (USD, exact decimals)")
public record JudgeCost(
        @Schema(nullable = true, description = "null unless every judge call is priced") BigDecimal totalCost,
        long inputTokens, long outputTokens,
        @Schema(enumeration = { "PRICED", "PARTIALLY_PRICED", "UNPRICED", "NO_USAGE" }) String costStatus,
        @Schema(description = "the exact sum of the priced calls") BigDecimal knownCost,
        @Schema(description = "calls not (wholly) priced") long unpricedCalls,
        List<String> unpricedModels) {

    public JudgeCost {
        unpricedModels = unpricedModels == null ? List.of() : List.copyOf(unpricedModels);
    }

    public JudgeCost withUnpricedModels(List<String> models) {
        return new JudgeCost(totalCost, inputTokens, outputTokens, costStatus, knownCost, unpricedCalls, models);
    }
}
