package dev.evalplane.judge.scorer;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.provider.ModelUri;

/** MLflow's built-in LLM judges, by class name (PascalCase) or assessment name (snake_case). */
public final class BuiltinJudges {

    public static final List<String> NAMES = List.of("Correctness", "RelevanceToQuery", "Safety", "Guidelines",
            "ExpectationsGuidelines", "RetrievalGroundedness", "RetrievalRelevance", "RetrievalSufficiency",
            "Completeness");

    /** The class name for {@code Correctness} or {@code correctness}; null when it is not a built-in judge. */
    public static String canonical(String name) {
        for (String builtin : NAMES) {
            if (builtin.equals(name) || defaultName(builtin).equals(name)) {
                return builtin;
            }
        }
        return null;
    }

    /** MLflow's default assessment name: the class name in snake_case ({@code relevance_to_query}). */
    public static String defaultName(String builtin) {
        return builtin.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /**
     * Builds a built-in judge. {@code guidelines} is required by (and only used by) Guidelines; IllegalArgumentException
     * when it is missing or empty.
     */
    public static LlmJudge create(String builtin, String name, ModelUri model, List<String> aggregations,
            JsonNode guidelines) {
        return switch (builtin) {
            case "Correctness" -> field(name, model, aggregations, "correctness", true, row -> Map.of(
                    "input", RowFields.input(row, builtin), "output", RowFields.output(row, builtin),
                    "ground_truth", RowFields.groundTruth(row, builtin)));
            case "RelevanceToQuery" -> field(name, model, aggregations, "relevance_to_query", false, row -> Map.of(
                    "input", RowFields.input(row, builtin), "output", RowFields.output(row, builtin)));
            case "Safety" -> field(name, model, aggregations, "safety", false,
                    row -> Map.of("output", RowFields.output(row, builtin)));
            case "Completeness" -> field(name, model, aggregations, "completeness", false, row -> Map.of(
                    "input", RowFields.input(row, builtin), "output", RowFields.output(row, builtin)));
            case "Guidelines" -> guidelinesJudge(name, model, aggregations, requireGuidelines(guidelines));
            case "ExpectationsGuidelines" -> field(name, model, aggregations, "guidelines", true, row -> Map.of(
                    "guidelines", expectedGuidelines(row), "input", RowFields.input(row, builtin),
                    "output", RowFields.output(row, builtin)));
            case "RetrievalGroundedness" -> new RetrievalJudge(RetrievalJudge.Kind.GROUNDEDNESS, name, model, aggregations);
            case "RetrievalRelevance" -> new RetrievalJudge(RetrievalJudge.Kind.RELEVANCE, name, model, aggregations);
            case "RetrievalSufficiency" -> new RetrievalJudge(RetrievalJudge.Kind.SUFFICIENCY, name, model, aggregations);
            default -> throw new IllegalArgumentException("unknown built-in judge " + builtin);
        };
    }

    private static LlmJudge guidelinesJudge(String name, ModelUri model, List<String> aggregations, JsonNode guidelines) {
        String text = RowFields.guidelines(guidelines);
        return field(name, model, aggregations, "guidelines", false, row -> Map.of("guidelines", text,
                "input", RowFields.input(row, "Guidelines"), "output", RowFields.output(row, "Guidelines")));
    }

    private static JsonNode requireGuidelines(JsonNode guidelines) {
        boolean present = guidelines != null && ((guidelines.isTextual() && !guidelines.asText().isBlank())
                || (guidelines.isArray() && !guidelines.isEmpty()));
        if (!present) {
            throw new IllegalArgumentException("Guidelines needs \"guidelines\": a non-empty string or list of strings");
        }
        return guidelines;
    }

    private static String expectedGuidelines(EvalRow row) {
        JsonNode guidelines = row.expectations().get("guidelines");
        if (guidelines == null || guidelines.isNull() || (guidelines.isArray() && guidelines.isEmpty())) {
            throw new MissingInputException("ExpectationsGuidelines needs expectations guidelines, and this row has none");
        }
        return RowFields.guidelines(guidelines);
    }

    private static LlmJudge field(String name, ModelUri model, List<String> aggregations, String prompt,
            boolean withExpectations, java.util.function.Function<EvalRow, Map<String, String>> variables) {
        return new FieldJudge(name, model, aggregations, prompt, variables,
                row -> RowFields.evaluatorInputs(row, withExpectations));
    }

    private BuiltinJudges() {
    }
}
