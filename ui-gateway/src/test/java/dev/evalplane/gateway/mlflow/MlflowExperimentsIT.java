package dev.evalplane.gateway.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * MLflow experiments through the real client: set_experiment creates a named experiment once and finds it again,
 * get by id and by name, tags set and deleted, search with filter, order and pages, MLflow's errors; "0" is
 * Default, and an experiment id that only appears in OTLP traces keeps working as an experiment named after it.
 */
class MlflowExperimentsIT {

    private static MlflowStack stack;

    @BeforeAll
    static void start() {
        stack = MlflowStack.get();
    }

    @Test
    void experimentsWorkThroughTheClient() {
        String prefix = "mlflow-it-" + OtlpExport.hex(8) + "-";
        String legacy = "otlp-only-" + OtlpExport.hex(8);
        OtlpExport.storeTrace(stack, legacy);

        JsonNode out = stack.run("experiments.py", Map.of("EXPERIMENT_PREFIX", prefix, "LEGACY_EXPERIMENT", legacy));

        assertThat(out.path("default").path("name").asText()).isEqualTo("Default");
        JsonNode created = out.path("created");
        String id = created.path("experiment_id").asText();
        assertThat(created.path("name").asText()).isEqualTo(prefix + "main");
        assertThat(created.path("lifecycle_stage").asText()).isEqualTo("active");
        assertThat(out.path("set_again_id").asText()).isEqualTo(id);
        assertThat(out.path("got").path("tags").path("team").asText()).isEqualTo("evals-2");
        assertThat(out.path("got").path("tags").has("stage")).isFalse();
        assertThat(out.path("by_name").path("experiment_id").asText()).isEqualTo(id);
        assertThat(out.path("by_missing_name").isNull()).isTrue();
        assertError(out.path("duplicate"), "RESOURCE_ALREADY_EXISTS", 400);
        assertError(out.path("missing_id"), "RESOURCE_DOES_NOT_EXIST", 404);
        assertError(out.path("bad_filter"), "INVALID_PARAMETER_VALUE", 400);

        assertThat(names(out.path("search_fluent"))).containsExactly(prefix + "page-2", prefix + "page-1", prefix + "page-0");
        List<String> all = new ArrayList<>();
        out.path("search_pages").forEach(page -> {
            assertThat(page.size()).isBetween(1, 2);
            all.addAll(names(page));
        });
        assertThat(all).containsExactly(prefix + "main", prefix + "page-0", prefix + "page-1", prefix + "page-2");

        assertThat(out.path("legacy").path("experiment_id").asText()).isEqualTo(legacy);
        assertThat(out.path("legacy").path("name").asText()).isEqualTo(legacy);
        assertThat(out.path("legacy_by_name").path("experiment_id").asText()).isEqualTo(legacy);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    static void assertError(JsonNode error, String code, int status) {
        assertThat(error.path("raised").asText()).as(error.toString()).isIn("MlflowException", "RestException");
        assertThat(error.path("error_code").asText()).as(error.toString()).isEqualTo(code);
        assertThat(error.path("status").asInt()).as(error.toString()).isEqualTo(status);
    }
}
