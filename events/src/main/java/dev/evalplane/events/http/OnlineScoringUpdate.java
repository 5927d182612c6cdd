package dev.evalplane.events.http;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST .../scorers/{name}/update}: a field left out keeps its value; {@code filter_string: null}
 * and {@code daily_budget_usd: null} clear them ({@link Patch}). Unknown fields, {@code backfill_hours} among them
 * (update does not score stored traces again), are refused. Written with absent fields left out (the gateway's MLflow
 * online config sends it).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "OnlineScoringUpdate", description = "Change a started scorer; absent fields keep their value")
public record OnlineScoringUpdate(
        @JsonProperty("sample_rate") @JsonDeserialize(using = StrictNumber.class)
        @DecimalMin(value = "0", inclusive = false, message = "must be a number with 0 < sample_rate <= 1")
        @DecimalMax(value = "1", message = "must be a number with 0 < sample_rate <= 1")
        @Schema(nullable = true, exclusiveMinimum = true, minimum = "0", maximum = "1",
                description = "the share of new traces scored; unchanged when absent or null") Double sampleRate,
        @JsonProperty("filter_string") @JsonDeserialize(contentUsing = StrictString.class)
        @Schema(implementation = String.class, nullable = true, maxLength = OnlineScoringStart.MAX_FILTER,
                description = "an MLflow search filter; null removes the filter, absent keeps it")
        Patch<@Size(max = OnlineScoringStart.MAX_FILTER, message = OnlineScoringStart.FILTER_RULE) String> filterString,
        @JsonProperty("daily_budget_usd")
        @Schema(implementation = BigDecimal.class, nullable = true, exclusiveMinimum = true, minimum = "0",
                maximum = OnlineScoringStart.MAX_BUDGET, description = "US dollars a day; null removes the budget,"
                        + " absent keeps it")
        Patch<@DecimalMin(value = "0", inclusive = false, message = OnlineScoringStart.BUDGET_RULE)
              @DecimalMax(value = OnlineScoringStart.MAX_BUDGET, message = OnlineScoringStart.BUDGET_RULE)
              BigDecimal> dailyBudgetUsd,
        @JsonProperty("scorer_version") @JsonDeserialize(using = StrictNumber.class)
        @Min(value = 1, message = "must be a positive whole number")
        @Schema(nullable = true, minimum = "1", description = "run this registered version from now on")
        Integer scorerVersion) {

    public OnlineScoringUpdate {
        filterString = filterString == null ? Patch.absent() : filterString;
        dailyBudgetUsd = dailyBudgetUsd == null ? Patch.absent() : dailyBudgetUsd;
    }
}
