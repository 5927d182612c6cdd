package dev.evalplane.judge.rest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI shape of one scorer object of a request or a registered scorer: a record with exactly one kind
 * ({@code builtin}, {@code judge}, {@code code}, {@code remote}, {@code registered}) and that kind's optional parts.
 * The service binds a scorer object as JSON and {@code scorer.ScorerFactory} checks it (the same check for request
 * scorers and stored registered ones), so its errors name the scorer and the field that is wrong.
 */
@Schema(name = "ScorerSpec", description = "exactly one of builtin, judge, code, remote, registered")
public record ScorerSpec(
        @Schema(description = "a built-in judge, e.g. Correctness, Safety, Guidelines") String builtin,
        @Schema(description = "a template judge (make_judge)") Judge judge,
        @Schema(description = "a deterministic code scorer") Code code,
        @Schema(description = "a remote scorer over HTTP (hosts allowed by the operator)") Remote remote,
        @Schema(description = "a scorer registered in the run's experiment, by name") String registered,
        @Schema(description = "the scorer's name (builtin; default: the built-in's name)") String name,
        @Schema(description = "judge model URI provider:/model (builtin)") String model,
        @Schema(description = "guidelines of the Guidelines built-in: a string or a list of strings") JsonNode guidelines,
        @Schema(description = "run-level aggregations of the scorer's values", enumeration = { "mean", "min", "max",
                "median", "variance", "p90" }) List<String> aggregations) {

    @Schema(name = "JudgeSpec")
    public record Judge(@Schema(required = true, maxLength = 100) String name,
            @Schema(required = true, maxLength = 20_000, description = "uses {{ inputs }}, {{ outputs }},"
                    + " {{ expectations }} or {{ trace }}") String instructions,
            @JsonProperty("feedback_value_type") @Schema(description = "bool, int, float, str, or a list of categories")
            JsonNode feedbackValueType,
            String model, String description, List<String> aggregations) {
    }

    @Schema(name = "CodeScorerSpec")
    public record Code(@Schema(required = true, description = "exact_match, contains, regex, json_valid,"
            + " latency_threshold, tool_call_trajectory, retrieved_document_recall, sub_agent_routing, per_stage_latency")
            String type, String name, List<String> aggregations) {
    }

    @Schema(name = "RemoteScorerSpec")
    public record Remote(@Schema(required = true) String name, @Schema(required = true) String url,
            @JsonProperty("timeout_ms") Integer timeoutMs, Map<String, String> headers, List<String> aggregations) {
    }
}
