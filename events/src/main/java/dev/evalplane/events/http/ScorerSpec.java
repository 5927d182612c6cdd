package dev.evalplane.events.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.events.JudgeTemplate;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * One scorer of an evaluation request, of a scorer registration, or as the registry stores it (CONTRACTS.md): exactly
 * one kind, named by the key that is present ({@code builtin}, {@code judge}, {@code code}, {@code remote},
 * {@code registered}, {@code client_only}); there is no discriminator field and {@code builtin} has sibling keys, so
 * {@link ScorerSpecDeserializer} picks the record by that key and refuses unknown keys, naming the field. A record
 * writes back exactly the keys it was given (absent stays absent), so the stored form is the JSON the client sent.
 * What needs the service's knowledge (built-in names, models, template variables, code check parameters, remote
 * hosts) is checked by scorer-service's {@code ScorerFactory}.
 */
@JsonDeserialize(using = ScorerSpecDeserializer.class)
@Schema(name = "ScorerSpec", description = "exactly one of builtin, judge, code, remote, registered, client_only",
        oneOf = { ScorerSpec.Builtin.class, ScorerSpec.Judge.class, ScorerSpec.Code.class, ScorerSpec.Remote.class,
                ScorerSpec.Registered.class, ScorerSpec.ClientOnly.class },
        properties = {
                @SchemaProperty(name = "builtin", type = SchemaType.STRING, description = "a built-in judge"),
                @SchemaProperty(name = "judge", implementation = ScorerSpec.Instructions.class),
                @SchemaProperty(name = "code", implementation = ScorerSpec.Check.class),
                @SchemaProperty(name = "remote", implementation = ScorerSpec.Endpoint.class),
                @SchemaProperty(name = "registered", type = SchemaType.STRING,
                        description = "a scorer registered in the run's experiment, by name"),
                @SchemaProperty(name = "client_only", implementation = ScorerSpec.Client.class),
                @SchemaProperty(name = "name", type = SchemaType.STRING),
                @SchemaProperty(name = "model", type = SchemaType.STRING),
                @SchemaProperty(name = "aggregations", type = SchemaType.ARRAY, implementation = String.class) })
public sealed interface ScorerSpec {

    /** Scorer names: 1 to 100 characters without '.' (MLflow assessment names cannot contain dots). */
    int MAX_NAME = 100;

    /** The run-level aggregations given at the top level; null for the kind's own or the default. */
    List<String> aggregations();

    /**
     * This spec with its scorer named {@code name} where its kind keeps the name ({@code judge.name}, {@code code.name},
     * {@code remote.name}, {@code client_only.name}, else the top-level {@code name}), as MLflow's {@code register(name=)}
     * renames the scorer it registers.
     */
    ScorerSpec named(String name);

    /** This spec with its top-level aggregations replaced. */
    ScorerSpec withAggregations(List<String> aggregations);

    /** The kind: the key that names it. */
    @JsonIgnore
    default String kind() {
        return ScorerSpecDeserializer.kindOf(this);
    }

    /** A built-in judge: {@code {"builtin": "Guidelines", "name"?, "model"?, "guidelines"?, "aggregations"?}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @Schema(name = "BuiltinScorerSpec", requiredProperties = "builtin")
    record Builtin(@Schema(description = "Correctness, RelevanceToQuery, Safety, Guidelines, ExpectationsGuidelines,"
            + " RetrievalGroundedness, RetrievalRelevance, RetrievalSufficiency, Completeness, ...") String builtin,
            @Schema(description = "the scorer's name (default: the built-in's name)", maxLength = MAX_NAME) String name,
            @Schema(description = "judge model URI provider:/model") String model,
            @Schema(description = "guidelines of the Guidelines built-in: a string or a list of strings",
                    oneOf = { String.class, String[].class }) JsonNode guidelines,
            @Schema(description = "run-level aggregations of the scorer's values") List<String> aggregations)
            implements ScorerSpec {

        @Override
        public Builtin named(String newName) {
            return new Builtin(builtin, newName, model, guidelines, aggregations);
        }

        @Override
        public Builtin withAggregations(List<String> values) {
            return new Builtin(builtin, name, model, guidelines, values);
        }
    }

    /**
     * A template judge (MLflow's make_judge): {@code {"judge": {...}, "aggregations"?}}; an agent-as-a-judge when its
     * instructions use {@code {{ trace }}} (the same shape: the judge then reads the trace with tools).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @Schema(name = "JudgeScorerSpec", requiredProperties = "judge")
    record Judge(@Valid Instructions judge, List<String> aggregations) implements ScorerSpec {

        @Override
        public Judge named(String name) {
            return new Judge(judge.named(name), aggregations);
        }

        @Override
        public Judge withAggregations(List<String> values) {
            return new Judge(judge, values);
        }
    }

    /** The {@code judge} object of a template judge. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "JudgeSpec", requiredProperties = { "name", "instructions" })
    record Instructions(@Schema(maxLength = MAX_NAME) String name,
            @Schema(maxLength = 20_000, description = "uses {{ inputs }}, {{ outputs }}, {{ expectations }} or"
                    + " {{ trace }} (an agent judge)") String instructions,
            @Schema(description = "bool, int, float, str, yes/no, or a list of categories",
                    oneOf = { String.class, String[].class }) JsonNode feedbackValueType,
            String model,
            @Size(max = 2000) @Schema(maxLength = 2000) String description,
            List<String> aggregations) {

        /** Whether this is an agent-as-a-judge: its instructions use {@code {{ trace }}}. */
        @JsonIgnore
        public boolean agentic() {
            return instructions != null && JudgeTemplate.variables(instructions).contains("trace");
        }

        Instructions named(String newName) {
            return new Instructions(newName, instructions, feedbackValueType, model, description, aggregations);
        }
    }

    /** A deterministic code scorer: {@code {"code": {"type", ...parameters}, "name"?, "aggregations"?}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @Schema(name = "CodeScorerSpec", requiredProperties = "code")
    record Code(@Valid Check code, @Schema(maxLength = MAX_NAME) String name, List<String> aggregations)
            implements ScorerSpec {

        @Override
        public Code named(String newName) {
            return new Code(code.named(newName), null, aggregations);
        }

        @Override
        public Code withAggregations(List<String> values) {
            return new Code(code, name, values);
        }
    }

    /** The {@code code} object: its {@code type} and the check's own parameters (checked by the check). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CodeCheckSpec", requiredProperties = "type", additionalProperties = Schema.True.class)
    record Check(@Schema(description = "exact_match, contains, regex, json_valid, latency_threshold,"
            + " tool_call_trajectory, retrieved_document_recall, sub_agent_routing, per_stage_latency") String type,
            @Schema(maxLength = MAX_NAME) String name, List<String> aggregations,
            @JsonIgnore @Schema(hidden = true) Map<String, JsonNode> parameters) {

        public Check {
            parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /** The check's parameters, written beside {@code type}. */
        @JsonAnyGetter
        Map<String, JsonNode> anyParameters() {
            return parameters;
        }

        Check named(String newName) {
            return new Check(type, newName, aggregations, parameters);
        }
    }

    /** A remote scorer over HTTP: {@code {"remote": {"name", "url", "timeout_ms"?, "headers"?}, "aggregations"?}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @Schema(name = "RemoteScorerSpec", requiredProperties = "remote")
    record Remote(@Valid Endpoint remote, List<String> aggregations) implements ScorerSpec {

        @Override
        public Remote named(String name) {
            return new Remote(remote.named(name), aggregations);
        }

        @Override
        public Remote withAggregations(List<String> values) {
            return new Remote(remote, values);
        }

        /** This spec with its header values replaced ({@code null}: no headers). */
        public Remote withHeaders(Map<String, String> headers) {
            return new Remote(new Endpoint(remote.name(), remote.url(), remote.timeoutMs(), headers,
                    remote.aggregations()), aggregations);
        }
    }

    /** The {@code remote} object of a remote scorer (hosts allowed by the operator). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RemoteEndpointSpec", requiredProperties = { "name", "url" })
    record Endpoint(@Schema(maxLength = MAX_NAME) String name, @Schema(maxLength = 2048) String url,
            @Schema(minimum = "1", maximum = "300000") Integer timeoutMs,
            @Schema(description = "sent as given, never logged; shown as *** once stored", maxProperties = 20)
            Map<String, String> headers,
            List<String> aggregations) {

        Endpoint named(String newName) {
            return new Endpoint(newName, url, timeoutMs, headers, aggregations);
        }
    }

    /** A scorer registered in the run's experiment: {@code {"registered": name, "version"?, "name"?, "aggregations"?}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @Schema(name = "RegisteredScorerRef", requiredProperties = "registered")
    record Registered(@Schema(maxLength = MAX_NAME) String registered,
            @Schema(minimum = "1", description = "the latest when absent") Integer version,
            @Schema(description = "the name of its feedback in this run (default: its registered name)") String name,
            List<String> aggregations) implements ScorerSpec {

        @Override
        public Registered named(String newName) {
            return new Registered(registered, version, newName, aggregations);
        }

        @Override
        public Registered withAggregations(List<String> values) {
            return new Registered(registered, version, name, values);
        }
    }

    /**
     * A scorer only the MLflow client runs ({@code {"client_only": {"name", "mlflow_type"}}}): a {@code @scorer} Python
     * function or an MLflow scorer evalplane has no counterpart for; registered and listed, refused by evaluations.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonDeserialize(using = JsonDeserializer.None.class)
    @Schema(name = "ClientOnlyScorerSpec", requiredProperties = "client_only")
    record ClientOnly(@Valid Client clientOnly, List<String> aggregations) implements ScorerSpec {

        @Override
        public ClientOnly named(String name) {
            return new ClientOnly(new Client(name, clientOnly.mlflowType()), aggregations);
        }

        @Override
        public ClientOnly withAggregations(List<String> values) {
            return new ClientOnly(clientOnly, values);
        }
    }

    /** The {@code client_only} object. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ClientOnlySpec", requiredProperties = { "name", "mlflow_type" })
    record Client(@Schema(maxLength = MAX_NAME) String name,
            @Schema(maxLength = 200, description = "python_code, or an MLflow scorer class name") String mlflowType) {
    }
}
