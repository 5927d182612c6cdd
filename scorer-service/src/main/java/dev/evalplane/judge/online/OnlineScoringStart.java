package dev.evalplane.judge.online;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import dev.evalplane.events.http.StrictNumber;
import dev.evalplane.events.http.StrictString;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST .../scorers/{name}/start}; unknown fields are refused. */
@Schema(name = "OnlineScoringStart", description = "Start scoring a registered scorer on the experiment's new traces")
public record OnlineScoringStart(
        @JsonProperty("sample_rate") @JsonDeserialize(using = StrictNumber.class)
        @NotNull(message = "is required: a number with 0 < sample_rate <= 1")
        @DecimalMin(value = "0", inclusive = false, message = "must be a number with 0 < sample_rate <= 1")
        @DecimalMax(value = "1", message = "must be a number with 0 < sample_rate <= 1")
        @Schema(required = true, description = "the share of new traces scored", exclusiveMinimum = true,
                minimum = "0", maximum = "1") Double sampleRate,
        @JsonProperty("filter_string") @JsonDeserialize(using = StrictString.class)
        @Size(max = OnlineScoringRequest.MAX_FILTER, message = OnlineScoringRequest.FILTER_RULE)
        @Schema(nullable = true, maxLength = OnlineScoringRequest.MAX_FILTER,
                description = "an MLflow search filter a trace must match to be scored") String filterString,
        @JsonProperty("daily_budget_usd") @JsonDeserialize(using = StrictNumber.class)
        @DecimalMin(value = "0", inclusive = false, message = OnlineScoringRequest.BUDGET_RULE)
        @DecimalMax(value = OnlineScoringRequest.MAX_BUDGET, message = OnlineScoringRequest.BUDGET_RULE)
        @Schema(nullable = true, exclusiveMinimum = true, minimum = "0", maximum = OnlineScoringRequest.MAX_BUDGET,
                description = "stop scoring for the rest of the day (UTC) once judge calls cost this many US dollars")
        BigDecimal dailyBudgetUsd,
        @JsonProperty("scorer_version") @JsonDeserialize(using = StrictNumber.class)
        @Min(value = 1, message = "must be a positive whole number")
        @Schema(nullable = true, minimum = "1", description = "the registered version to run; the latest when absent")
        Integer scorerVersion,
        @JsonProperty("backfill_hours") @JsonDeserialize(using = StrictNumber.class)
        @Min(value = 1, message = OnlineScoringRequest.BACKFILL_RULE)
        @Max(value = OnlineScoringRequest.MAX_BACKFILL_HOURS, message = OnlineScoringRequest.BACKFILL_RULE)
        @Schema(nullable = true, minimum = "1", maximum = "168",
                description = "also score the stored traces of the last hours (a sample, once each)")
        Integer backfillHours) {

    /** What the service starts with (a blank filter is no filter). */
    OnlineScoringRequest settings() {
        return new OnlineScoringRequest(sampleRate, true, OnlineScoringRequest.filter(filterString), true,
                dailyBudgetUsd, scorerVersion, backfillHours);
    }
}
