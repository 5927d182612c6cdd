package dev.evalplane.gateway.mlflow.scorers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.http.ScorerSpec;
import dev.evalplane.gateway.mlflow.MlflowException;

/**
 * Translates between the MLflow client's serialized scorer ({@code Scorer.model_dump()}, the JSON string
 * {@code register_scorer} sends) and scorer-service's scorer spec (the scorers of {@code POST /api/v1/evaluations}):
 * a make_judge scorer becomes {@code {"judge": {...}}}, a built-in judge evalplane runs becomes
 * {@code {"builtin": ...}}, anything else (a {@code @scorer} Python function, a built-in evalplane has no judge for)
 * becomes {@code {"client_only": {...}}}: registered and listed, refused by evalplane's own evaluations. The serialized
 * form is stored as it came and given back verbatim. For scorers registered through evalplane's own API the way back
 * is built here (judges and built-ins only).
 */
public final class MlflowScorerSpec {

    /** The built-in judges scorer-service runs (its README's judge table), by MLflow class name. */
    static final Set<String> SERVER_BUILTINS = Set.of("Correctness", "RelevanceToQuery", "Safety", "Guidelines",
            "ExpectationsGuidelines", "RetrievalGroundedness", "RetrievalRelevance", "RetrievalSufficiency",
            "Completeness");
    static final String MLFLOW_VERSION = "3.17.2";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parsed serialized scorer; INVALID_PARAMETER_VALUE when it is not a JSON object. */
    public static ObjectNode parse(String serialized) {
        try {
            JsonNode node = JSON.readTree(serialized);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (java.io.IOException e) {
            // reported below
        }
        throw MlflowException.invalidParameter("serialized_scorer must be valid JSON: a serialized MLflow scorer object");
    }

    /** scorer-service's spec for the serialized scorer, registered as {@code name}. */
    public static ScorerSpec toEvalplane(ObjectNode mlflow, String name) {
        JsonNode judge = mlflow.get("instructions_judge_pydantic_data");
        String builtin = text(mlflow, "builtin_scorer_class");
        if (judge instanceof ObjectNode data) {
            return new ScorerSpec.Judge(new ScorerSpec.Instructions(name, text(data, "instructions"),
                    feedbackValueType(data.get("feedback_value_type")), text(data, "model"), text(mlflow, "description"),
                    null), aggregations(mlflow));
        }
        if (builtin != null && SERVER_BUILTINS.contains(builtin)) {
            JsonNode data = mlflow.path("builtin_scorer_pydantic_data");
            return new ScorerSpec.Builtin(builtin, name, text(data, "model"),
                    data.hasNonNull("guidelines") ? data.get("guidelines") : null, aggregations(mlflow));
        }
        String type = mlflow.hasNonNull("call_source") ? "python_code" : builtin != null ? builtin : "unknown scorer";
        return new ScorerSpec.ClientOnly(new ScorerSpec.Client(name, type), null);
    }

    /**
     * The MLflow serialized form of a scorer registered through evalplane's own API, or null when the MLflow client
     * has no form for it (code and remote scorers).
     */
    public static String toMlflow(String name, ScorerSpec spec, String description) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", name);
        out.set("aggregations", spec.aggregations() == null ? null : JSON.valueToTree(spec.aggregations()));
        out.put("description", description);
        out.put("is_session_level_scorer", false);
        out.put("mlflow_version", MLFLOW_VERSION);
        out.put("serialization_version", 1);
        if (spec instanceof ScorerSpec.Judge judge) {
            ObjectNode data = out.putObject("instructions_judge_pydantic_data");
            data.put("instructions", judge.judge().instructions());
            data.put("model", judge.judge().model());
            data.set("feedback_value_type", schema(judge.judge().feedbackValueType()));
        } else if (spec instanceof ScorerSpec.Builtin builtin && SERVER_BUILTINS.contains(builtin.builtin())) {
            out.put("builtin_scorer_class", builtin.builtin());
            ObjectNode data = out.putObject("builtin_scorer_pydantic_data").put("name", name);
            data.put("model", builtin.model());
            if (builtin.guidelines() != null) {
                data.set("guidelines", builtin.guidelines());
            }
        } else {
            return null;
        }
        return out.toString();
    }

    /** The serialized scorer's aggregations, when it has some. */
    private static List<String> aggregations(ObjectNode mlflow) {
        JsonNode aggregations = mlflow.get("aggregations");
        if (aggregations == null || !aggregations.isArray() || aggregations.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        aggregations.forEach(a -> out.add(a.asText()));
        return out;
    }

    /** MLflow's JSON schema of the result type as scorer-service's feedback_value_type; null for its default. */
    static JsonNode feedbackValueType(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return null;
        }
        if (schema.get("enum") instanceof ArrayNode values) {
            return values;
        }
        return switch (schema.path("type").asText()) {
            case "boolean" -> JSON.getNodeFactory().textNode("bool");
            case "integer" -> JSON.getNodeFactory().textNode("int");
            case "number" -> JSON.getNodeFactory().textNode("float");
            default -> null;
        };
    }

    private static JsonNode schema(JsonNode type) {
        ObjectNode schema = JSON.createObjectNode().put("title", "Result");
        if (type != null && type.isArray()) {
            schema.set("enum", type);
            return schema.put("type", "string");
        }
        String text = type == null || type.isNull() ? "string" : type.asText();
        if ("yes/no".equals(text)) {
            schema.putArray("enum").add("yes").add("no");
            return schema.put("type", "string");
        }
        return schema.put("type", switch (text) {
            case "bool", "boolean" -> "boolean";
            case "int", "integer" -> "integer";
            case "float", "number" -> "number";
            default -> "string";
        });
    }

    private static String text(JsonNode from, String field) {
        return from.path(field).isTextual() ? from.get(field).asText() : null;
    }

    private MlflowScorerSpec() {
    }
}
