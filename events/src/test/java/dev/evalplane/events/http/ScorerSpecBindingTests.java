package dev.evalplane.events.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.JsonErrors;

/**
 * A scorer spec is bound by the key that is present, writes back exactly the JSON it was given (the stored form), and
 * a malformed one names the field.
 */
class ScorerSpecBindingTests {

    private static final ObjectMapper JSON = EventJson.mapper();

    record Body(List<ScorerSpec> scorers) {
    }

    private static ScorerSpec read(String json) throws JsonProcessingException {
        return JSON.readValue(json, ScorerSpec.class);
    }

    private static String error(String scorers) {
        try {
            JSON.readValue("{\"scorers\": " + scorers + "}", Body.class);
        } catch (JsonProcessingException e) {
            return JsonErrors.describe(e);
        }
        throw new AssertionError("bound " + scorers);
    }

    @Test
    void eachKindBindsToItsRecordAndWritesBackWhatItWasGiven() throws Exception {
        List<String> specs = List.of(
                "{\"builtin\":\"Guidelines\",\"name\":\"house\",\"model\":\"openai:/gpt-4o-mini\",\"guidelines\":[\"Be brief\"],\"aggregations\":[\"mean\",\"p90\"]}",
                "{\"builtin\":\"Guidelines\",\"guidelines\":\"Be brief\"}",
                "{\"judge\":{\"name\":\"polite\",\"instructions\":\"Is {{ outputs }} polite?\",\"feedback_value_type\":[\"a\",\"b\"],\"model\":\"openai:/m\",\"description\":\"d\",\"aggregations\":[\"min\"]},\"aggregations\":[\"max\"]}",
                "{\"code\":{\"type\":\"regex\",\"pattern\":\"^a\",\"name\":\"starts\",\"aggregations\":[\"mean\"]},\"name\":\"outer\"}",
                "{\"remote\":{\"name\":\"r\",\"url\":\"https://x.example/s\",\"timeout_ms\":500,\"headers\":{\"Authorization\":\"***\"}}}",
                "{\"registered\":\"polite\",\"version\":2,\"name\":\"polite_v2\",\"aggregations\":[\"mean\"]}",
                "{\"client_only\":{\"name\":\"short\",\"mlflow_type\":\"python_code\"}}");
        for (String spec : specs) {
            ScorerSpec bound = read(spec);
            assertThat(JSON.readTree(JSON.writeValueAsString(bound))).as(spec).isEqualTo(JSON.readTree(spec));
        }
        assertThat(read(specs.get(0))).isInstanceOf(ScorerSpec.Builtin.class);
        assertThat(read(specs.get(2))).isInstanceOfSatisfying(ScorerSpec.Judge.class,
                j -> assertThat(j.judge().agentic()).isFalse());
        assertThat(read(specs.get(3))).isInstanceOfSatisfying(ScorerSpec.Code.class,
                c -> assertThat(c.code().parameters()).containsOnlyKeys("pattern"));
        assertThat(read("{\"judge\":{\"name\":\"a\",\"instructions\":\"Did {{ trace }} go well?\"}}"))
                .isInstanceOfSatisfying(ScorerSpec.Judge.class, j -> assertThat(j.judge().agentic()).isTrue());
    }

    @Test
    void renamingKeepsTheNameWhereTheKindKeepsIt() throws Exception {
        assertThat(JSON.valueToTree(read("{\"code\":{\"type\":\"json_valid\"},\"name\":\"x\"}").named("y")).toString())
                .isEqualTo("{\"code\":{\"type\":\"json_valid\",\"name\":\"y\"}}");
        assertThat(JSON.valueToTree(read("{\"builtin\":\"Safety\"}").named("safe")).toString())
                .isEqualTo("{\"builtin\":\"Safety\",\"name\":\"safe\"}");
        JsonNode judge = JSON.valueToTree(read("{\"judge\":{\"name\":\"a\",\"instructions\":\"{{ inputs }}\"}}").named("b"));
        assertThat(judge.path("judge").path("name").asText()).isEqualTo("b");
    }

    @Test
    void aMalformedSpecNamesTheField() {
        assertThat(error("[5]")).isEqualTo("scorers[0]: must be an object such as {\"builtin\": \"Correctness\"} or"
                + " {\"judge\": {\"name\": ..., \"instructions\": ...}}");
        assertThat(error("[{\"builtin\": \"Safety\"}, {}]"))
                .isEqualTo("scorers[1]: must have exactly one of [builtin, judge, registered, code, remote, client_only],"
                        + " found []");
        assertThat(error("[{\"builtin\": \"Safety\", \"judge\": {}}]")).contains("found [builtin, judge]");
        assertThat(error("[{\"judge\": \"polite\"}]"))
                .isEqualTo("scorers[0].judge: must be an object {name, instructions, feedback_value_type?, model?, description?}");
        assertThat(error("[{\"builtin\": \"Safety\", \"colour\": 1}]")).startsWith("scorers[0]: unknown field \"colour\"");
        assertThat(error("[{\"remote\": {\"name\": \"r\", \"url\": \"https://x\", \"retries\": 3}}]"))
                .startsWith("scorers[0].remote: unknown field \"retries\"");
        assertThat(error("[{\"judge\": {\"name\": 5, \"instructions\": \"{{ inputs }}\"}}]"))
                .isEqualTo("field scorers[0].judge.name must be a string (a value of the wrong JSON type)");
        assertThat(error("[{\"registered\": \"polite\", \"version\": \"2\"}]"))
                .isEqualTo("field scorers[0].version must be a whole number (a value of the wrong JSON type)");
        assertThat(error("[{\"remote\": {\"name\": \"r\", \"url\": \"https://x\", \"timeout_ms\": 1.5}}]"))
                .isEqualTo("field scorers[0].remote.timeout_ms must be a whole number (a value of the wrong JSON type)");
        assertThat(error("[{\"builtin\": \"Safety\", \"aggregations\": [1]}]"))
                .isEqualTo("field scorers[0].aggregations[0] must be a string (a value of the wrong JSON type)");
        assertThatThrownBy(() -> read("[]")).isInstanceOf(JsonProcessingException.class);
    }
}
