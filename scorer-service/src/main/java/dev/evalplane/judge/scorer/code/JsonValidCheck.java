package dev.evalplane.judge.scorer.code;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.judge.domain.EvalRow;

/**
 * {@code json_valid}: the response is JSON (a string output must parse as one JSON value; an object or list output
 * already is), and with {@code required_keys} it is an object that has every one of them.
 */
final class JsonValidCheck implements CodeCheck {

    static final String TYPE = "json_valid";

    private final List<String> requiredKeys;

    private JsonValidCheck(List<String> requiredKeys) {
        this.requiredKeys = requiredKeys;
    }

    static JsonValidCheck from(CheckParams params) {
        params.allow("required_keys");
        List<String> keys = params.texts("required_keys");
        return new JsonValidCheck(keys == null ? List.of() : keys);
    }

    @Override
    public List<CheckResult> apply(EvalRow row) {
        RowValues.output(row, TYPE);
        JsonNode value = row.outputs();
        if (value.isTextual()) {
            try (var parser = EventJson.mapper().createParser(value.asText())) {
                value = EventJson.mapper().readTree(parser);
                if (value == null || parser.nextToken() != null) {
                    return List.of(CheckResult.pass(false, "the output is not a single JSON value"));
                }
            } catch (IOException e) {
                return List.of(CheckResult.pass(false, "the output is not valid JSON: "
                        + RowValues.echo(e.getMessage().lines().findFirst().orElse(""))));
            }
        }
        if (requiredKeys.isEmpty()) {
            return List.of(CheckResult.pass(true, "the output is valid JSON"));
        }
        if (!value.isObject()) {
            return List.of(CheckResult.pass(false, "the output is JSON but not an object, so it has none of "
                    + requiredKeys));
        }
        JsonNode object = value;
        List<String> missing = requiredKeys.stream().filter(k -> !object.has(k)).toList();
        return List.of(CheckResult.pass(missing.isEmpty(), missing.isEmpty()
                ? "the output is a JSON object with " + requiredKeys : "the output JSON lacks keys " + missing));
    }
}
