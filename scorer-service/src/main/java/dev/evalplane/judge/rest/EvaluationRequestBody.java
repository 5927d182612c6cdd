package dev.evalplane.judge.rest;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.http.ScorerSpec;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/evaluations} (CONTRACTS.md): exactly one of {@code data}, {@code trace_ids},
 * {@code filter_string}, and the scorers to run over its rows. Types and sizes are checked when the body is read;
 * {@link EvaluationRequestParser} checks the rest (one source, buildable scorers, rows that give every scorer what it
 * needs).
 */
@Schema(name = "EvaluationRequest", description = "Start an evaluation run: exactly one of data, trace_ids, filter_string")
public record EvaluationRequestBody(
        @JsonProperty("experiment_id") @Size(max = EvaluationRequestParser.MAX_EXPERIMENT_ID)
        @Schema(description = "the run's experiment; \"0\" (MLflow's default experiment) when absent", maxLength = 256)
        String experimentId,
        @Size(max = EvaluationRequestParser.MAX_NAME) @Schema(maxLength = 1000) String name,
        @Schema(description = "judge model URI provider:/model (openai:/gpt-4o-mini); the service default when absent")
        String model,
        @Valid @Size(min = 1, max = EvaluationRequestParser.MAX_DATA_ROWS)
        @Schema(description = "rows to evaluate", minItems = 1, maxItems = 10_000)
        List<DataRow> data,
        @JsonProperty("trace_ids") @Size(min = 1, max = EvaluationRequestParser.MAX_TRACE_IDS)
        @Schema(description = "stored traces to evaluate (tr- followed by 32 hex digits)", minItems = 1, maxItems = 10_000)
        List<String> traceIds,
        @JsonProperty("filter_string") @Schema(description = "an MLflow search filter over stored traces")
        String filterString,
        @Schema(description = "the scorers to run on every row", minItems = 1) List<@Valid ScorerSpec> scorers,
        @JsonProperty("max_concurrency") @Schema(description = "judge calls in flight at most; the service default when absent",
                minimum = "1") Integer maxConcurrency,
        @JsonProperty("budget_usd") @Schema(description = "stop the run once its judge calls cost this many US dollars",
                exclusiveMinimum = true, minimum = "0") BigDecimal budgetUsd) {

    /** The run's experiment ({@code "0"}, MLflow's default experiment, when none is given). */
    public String experimentOrDefault() {
        return experimentId == null ? "0" : experimentId;
    }

    /** A data row: what went in, what came out, what was expected, or the row's own trace ({@code {spans: [...]}}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EvaluationDataRow", description = "a row: inputs (or a trace), outputs?, expectations?")
    public record DataRow(
            @Schema(description = "any JSON value") JsonNode inputs,
            @Schema(description = "any JSON value") JsonNode outputs,
            @Schema(description = "named expectations, e.g. expected_response, expected_facts") JsonNode expectations,
            @Schema(description = "the row's own trace {spans: [...]}") JsonNode trace) {
    }
}
