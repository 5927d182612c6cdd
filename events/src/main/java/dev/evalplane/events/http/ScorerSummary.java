package dev.evalplane.events.http;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Per assessment name of a run: {@code count} valid feedback, judge cost over all its feedback (overridden ones
 * included: they were paid for), {@code pass_rate} over yes/no/true/false values (null when none),
 * {@code mean} over numeric values (null when none), {@code errors} valid feedback carrying an error;
 * {@code known_cost}, {@code unpriced_calls} and {@code unpriced_models} as in {@link JudgeCost}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "One scorer's figures in a run summary")
public record ScorerSummary(String name, long count, @Schema(nullable = true) BigDecimal totalCost, long inputTokens,
        long outputTokens,
        @Schema(enumeration = { "PRICED", "PARTIALLY_PRICED", "UNPRICED", "NO_USAGE" }) String costStatus,
        @Schema(nullable = true, description = "over yes/no/true/false values") BigDecimal passRate,
        @Schema(nullable = true, description = "over numeric values") BigDecimal mean, long errors,
        BigDecimal knownCost, long unpricedCalls, List<String> unpricedModels) {

    public ScorerSummary {
        unpricedModels = unpricedModels == null ? List.of() : List.copyOf(unpricedModels);
    }
}
