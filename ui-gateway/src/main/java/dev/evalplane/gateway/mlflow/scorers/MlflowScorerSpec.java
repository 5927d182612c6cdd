package dev.evalplane.gateway.mlflow.scorers;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    public static ObjectNode toEvalplane(ObjectNode mlflow, String name) {
        ObjectNode spec = JSON.createObjectNode();
        JsonNode judge = mlflow.get("instructions_judge_pydantic_data");
        String builtin = mlflow.path("builtin_scorer_class").isTextual() ? mlflow.get("builtin_scorer_class").asText() : null;
        JsonNode aggregations = mlflow.get("aggregations");
        if (judge instanceof ObjectNode data) {
            ObjectNode inner = spec.putObject("judge").put("name", name);
            inner.set("instructions", data.get("instructions"));
            copyText(data, "model", inner);
            JsonNode type = feedbackValueType(data.get("feedback_value_type"));
            if (type != null) {
                inner.set("feedback_value_type", type);
            }
            copyText(mlflow, "description", inner);
        } else if (builtin != null && SERVER_BUILTINS.contains(builtin)) {
            JsonNode data = mlflow.path("builtin_scorer_pydantic_data");
            spec.put("builtin", builtin).put("name", name);
            copyText(data, "model", spec);
            if (data.hasNonNull("guidelines")) {
                spec.set("guidelines", data.get("guidelines"));
            }
        } else {
            String type = mlflow.hasNonNull("call_source") ? "python_code" : builtin != null ? builtin : "unknown scorer";
            spec.putObject("client_only").put("name", name).put("mlflow_type", type);
            return spec;
        }
        if (aggregations != null && aggregations.isArray() && !aggregations.isEmpty()) {
            spec.set("aggregations", aggregations);
        }
        return spec;
    }

    /**
     * The MLflow serialized form of a scorer registered through evalplane's own API, or null when the MLflow client
     * has no form for it (code and remote scorers).
     */
    public static String toMlflow(String name, JsonNode spec, String description) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", name);
        out.set("aggregations", spec.hasNonNull("aggregations") ? spec.get("aggregations") : null);
        out.put("description", description);
        out.put("is_session_level_scorer", false);
        out.put("mlflow_version", MLFLOW_VERSION);
        out.put("serialization_version", 1);
        if (spec.get("judge") instanceof ObjectNode judge) {
            ObjectNode data = out.putObject("instructions_judge_pydantic_data");
            data.set("instructions", judge.get("instructions"));
            data.set("model", judge.get("model"));
            data.set("feedback_value_type", schema(judge.get("feedback_value_type")));
        } else if (spec.path("builtin").isTextual() && SERVER_BUILTINS.contains(spec.get("builtin").asText())) {
            out.put("builtin_scorer_class", spec.get("builtin").asText());
            ObjectNode data = out.putObject("builtin_scorer_pydantic_data").put("name", name);
            data.set("model", spec.get("model"));
            if (spec.has("guidelines")) {
                data.set("guidelines", spec.get("guidelines"));
            }
        } else {
            return null;
        }
        return out.toString();
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

    private static void copyText(JsonNode from, String field, ObjectNode to) {
        if (from.path(field).isTextual()) {
            to.put(field, from.get(field).asText());
        }
    }

    private MlflowScorerSpec() {
    }
}
