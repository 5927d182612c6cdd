package dev.evalplane.gateway.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.testsupport.MlflowPython;

/**
 * MLflow's error contract through the real client: the server version it reads, ENDPOINT_NOT_FOUND JSON (never
 * HTML) on every MLflow prefix and method for a route evalplane does not serve, and UNAUTHENTICATED without a valid
 * MLFLOW_TRACKING_TOKEN.
 */
class MlflowErrorsIT {

    private static MlflowStack stack;

    @BeforeAll
    static void start() {
        stack = MlflowStack.get();
    }

    @Test
    void clientSeesMlflowErrorCodesAndStatuses() {
        JsonNode out = stack.run("errors.py");

        assertThat(out.path("server_version").asText()).isEqualTo("3.17.2");
        assertMlflowError(out.path("search_registered_models"), "ENDPOINT_NOT_FOUND", 404);

        JsonNode unknown = out.path("unknown_routes");
        assertThat(unknown.size()).isEqualTo(24);
        unknown.fields().forEachRemaining(route -> {
            JsonNode answer = route.getValue();
            assertThat(answer.path("status").asInt()).as(route.getKey()).isEqualTo(404);
            assertThat(answer.path("content_type").asText()).as(route.getKey()).startsWith("application/json");
            assertThat(answer.path("body").path("error_code").asText()).as(route.getKey()).isEqualTo("ENDPOINT_NOT_FOUND");
            assertThat(answer.path("body").path("message").asText()).as(route.getKey()).contains("/no-such-route/x");
        });
    }

    @Test
    void withoutTheTokenTheClientGetsUnauthenticated() {
        for (String token : new String[] {null, "not-the-token"}) {
            MlflowPython.Result result = stack.runRaw("unauthenticated.py", token, Map.of());
            JsonNode out = result.json();
            assertMlflowError(out, "UNAUTHENTICATED", 401);
        }
    }

    private static void assertMlflowError(JsonNode error, String code, int status) {
        assertThat(error.path("raised").asText()).as(error.toString()).isIn("MlflowException", "RestException");
        assertThat(error.path("error_code").asText()).as(error.toString()).isEqualTo(code);
        assertThat(error.path("status").asInt()).as(error.toString()).isEqualTo(status);
    }
}
