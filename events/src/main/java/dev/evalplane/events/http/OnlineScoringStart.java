package dev.evalplane.events.http;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of scorer-service's {@code POST /api/v1/experiments/{id}/scorers/{name}/start} (the API, the CLI and the
 * gateway's MLflow online config send it); unknown fields are refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "OnlineScoringStart", description = "Start scoring a registered scorer on the experiment's new traces")
public record OnlineScoringStart(
        @JsonProperty("sample_rate") @JsonDeserialize(using = StrictNumber.class)
        @NotNull(message = "is required: a number with 0 < sample_rate <= 1")
        @DecimalMin(value = "0", inclusive = false, message = "must be a number with 0 < sample_rate <= 1")
        @DecimalMax(value = "1", message = "must be a number with 0 < sample_rate <= 1")
        @Schema(required = true, description = "the share of new traces scored", exclusiveMinimum = true,
                minimum = "0", maximum = "1") Double sampleRate,
        @JsonProperty("filter_string") @JsonDeserialize(using = StrictString.class)
        @Size(max = OnlineScoringStart.MAX_FILTER, message = OnlineScoringStart.FILTER_RULE)
        @Schema(nullable = true, maxLength = OnlineScoringStart.MAX_FILTER,
                description = "an MLflow search filter a trace must match to be scored") String filterString,
        @JsonProperty("daily_budget_usd") @JsonDeserialize(using = StrictNumber.class)
        @DecimalMin(value = "0", inclusive = false, message = OnlineScoringStart.BUDGET_RULE)
        @DecimalMax(value = OnlineScoringStart.MAX_BUDGET, message = OnlineScoringStart.BUDGET_RULE)
        @Schema(nullable = true, exclusiveMinimum = true, minimum = "0", maximum = OnlineScoringStart.MAX_BUDGET,
                description = "stop scoring for the rest of the day (UTC) once judge calls cost this many US dollars")
        BigDecimal dailyBudgetUsd,
        @JsonProperty("scorer_version") @JsonDeserialize(using = StrictNumber.class)
        @Min(value = 1, message = "must be a positive whole number")
        @Schema(nullable = true, minimum = "1", description = "the registered version to run; the latest when absent")
        Integer scorerVersion,
        @JsonProperty("backfill_hours") @JsonDeserialize(using = StrictNumber.class)
        @Min(value = 1, message = OnlineScoringStart.BACKFILL_RULE)
        @Max(value = OnlineScoringStart.MAX_BACKFILL_HOURS, message = OnlineScoringStart.BACKFILL_RULE)
        @Schema(nullable = true, minimum = "1", maximum = "168",
                description = "also score the stored traces of the last hours (a sample, once each)")
        Integer backfillHours) {

    public static final int MAX_FILTER = 2000;
    public static final String FILTER_RULE = "must be a string of at most " + MAX_FILTER + " characters";
    public static final String MAX_BUDGET = "1000000";
    public static final String BUDGET_RULE = "must be a number of US dollars above 0 and at most " + MAX_BUDGET;
    /** The longest backfill window: a week of stored traces. */
    public static final int MAX_BACKFILL_HOURS = 168;
    public static final String BACKFILL_RULE = "must be a whole number of hours from 1 to " + MAX_BACKFILL_HOURS;
}
