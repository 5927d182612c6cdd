package dev.evalplane.judge.scorer;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.domain.EvalRow;

/** What built-in judges read from a row, with MLflow's requirement messages when it is missing. */
final class RowFields {

    static String input(EvalRow row, String scorer) {
        if (!row.hasInputs()) {
            throw new MissingInputException(scorer + " needs the request (inputs), and this row has none");
        }
        return PromptText.request(row.inputs());
    }

    static String output(EvalRow row, String scorer) {
        if (!row.hasOutputs()) {
            throw new MissingInputException(scorer + " needs the response (outputs), and this row has none");
        }
        return PromptText.response(row.outputs());
    }

    /** expected_facts as a "- " list, else expected_response (MLflow's Correctness). */
    static String groundTruth(EvalRow row, String scorer) {
        JsonNode facts = row.expectations().get("expected_facts");
        if (facts != null && facts.isArray() && !facts.isEmpty()) {
            List<String> lines = new ArrayList<>();
            facts.forEach(f -> lines.add("- " + PromptText.text(f)));
            return String.join("\n", lines);
        }
        JsonNode response = row.expectations().get("expected_response");
        if (response != null && !response.isNull()) {
            return PromptText.text(response);
        }
        throw new MissingInputException(scorer + " needs expectations expected_response or expected_facts,"
                + " and this row has neither");
    }

    /** Guidelines given as a string or a list, as "- " lines. */
    static String guidelines(JsonNode guidelines) {
        if (guidelines.isArray()) {
            List<String> lines = new ArrayList<>();
            guidelines.forEach(g -> lines.add("- " + g.asText()));
            return String.join("\n", lines);
        }
        return "- " + guidelines.asText();
    }

    static JsonNode evaluatorInputs(EvalRow row, boolean withExpectations) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("inputs", row.inputs());
        node.set("outputs", row.outputs());
        if (withExpectations) {
            node.set("expectations", row.expectations());
        }
        return node;
    }

    private RowFields() {
    }
}
