package dev.evalplane.judge.scorer.code;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.scorer.MissingInputException;
import dev.evalplane.judge.scorer.PromptText;

/** What code checks read from a row: the response text, named expectations, lists of names. */
final class RowValues {

    static final int MAX_ECHO = 120;

    static String output(EvalRow row, String type) {
        if (!row.hasOutputs()) {
            throw new MissingInputException(type + " needs the response (outputs), and this row has none");
        }
        return PromptText.response(row.outputs());
    }

    static JsonNode expectation(EvalRow row, String key, String type) {
        JsonNode value = row.expectations() == null ? null : row.expectations().get(key);
        if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
            throw new MissingInputException(type + " needs expectations " + key + ", and this row has none");
        }
        return value;
    }

    /** Names from a list of strings or of objects with a "name" (as expected tool calls are often written). */
    static List<String> names(JsonNode list, String what) {
        if (!list.isArray()) {
            throw new MissingInputException(what + " must be a list of names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : list) {
            out.add(item.isTextual() ? item.asText() : item.path("name").asText(item.path("tool_name").asText(item.toString())));
        }
        return out;
    }

    /** A value shortened for a rationale. */
    static String echo(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > MAX_ECHO ? flat.substring(0, MAX_ECHO) + "..." : flat;
    }

    private RowValues() {
    }
}
