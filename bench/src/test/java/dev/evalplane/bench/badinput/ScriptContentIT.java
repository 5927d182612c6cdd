package dev.evalplane.bench.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.support.TestStack;

/**
 * HTML and script in trace content (span names, inputs, outputs, attributes, tags) sent through the gateway's OTLP
 * endpoint is stored and served back verbatim as JSON string data: the same characters after a JSON parse, the
 * quotes escaped in the raw body, served as application/json with nosniff, never as HTML.
 */
class ScriptContentIT {

    private static final String SCRIPT = "<script>alert(\"x\")</script>";
    private static final String IMG = "<img src=x onerror='alert(1)'> & \"quoted\" </script><!--";
    private static final String TAG = "</title><svg onload=alert(document.cookie)>";

    @Test
    void scriptInTraceContentComesBackAsTheSameJsonStrings() {
        TestStack stack = TestStack.get();
        OtlpJson request = new OtlpJson("5c121e7000000000000000000000a001")
                .span(0, -1, SCRIPT, Map.of(
                        "mlflow.spanInputs", Http.json(Map.of("question", SCRIPT)),
                        "mlflow.spanOutputs", Http.json(IMG),
                        "mlflow.traceTag.note", TAG,
                        "html.attribute", IMG))
                .span(1, 0, IMG, Map.of("mlflow.spanType", "\"TOOL\"", "payload", SCRIPT + IMG));
        Http.Reply accepted = Http.post(stack.gateway("/v1/traces"), "application/json", request.toString());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        Http.Reply reply = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> Http.get(stack.gateway("/api/v1/traces/" + request.traceId())),
                        r -> r.status() == 200 && r.json().path("spans").size() == 2);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode trace = reply.json();
        JsonNode root = span(trace, OtlpJson.spanHex(0));
        JsonNode child = span(trace, OtlpJson.spanHex(1));
        assertThat(root.path("name").asText()).isEqualTo(SCRIPT);
        assertThat(root.path("inputs").path("question").asText()).isEqualTo(SCRIPT);
        assertThat(root.path("outputs").asText()).isEqualTo(IMG);
        assertThat(root.path("attributes").path("html.attribute").asText()).isEqualTo(IMG);
        assertThat(child.path("name").asText()).isEqualTo(IMG);
        assertThat(child.path("attributes").path("payload").asText()).isEqualTo(SCRIPT + IMG);
        assertThat(trace.path("info").path("tags").path("note").asText()).isEqualTo(TAG);
        assertThat(reply.body()).as("quotes inside the strings are JSON-escaped")
                .contains("alert(\\\"x\\\")").doesNotContain("alert(\"x\")");

        JsonNode found = Http.postJson(stack.gateway("/api/v1/traces/search"),
                Map.of("experiment_ids", new String[] {"0"}, "filter_string", "tags.note = '" + TAG + "'"))
                .expect(200).json();
        assertThat(found.path("traces")).hasSize(1);
        String preview = found.path("traces").get(0).path("request_preview").asText();
        assertThat(Http.Reply.parse(preview).path("question").asText()).as("preview is the inputs' JSON text")
                .isEqualTo(SCRIPT);
    }

    private static JsonNode span(JsonNode trace, String spanId) {
        for (JsonNode span : trace.path("spans")) {
            if (spanId.equals(span.path("span_id").asText())) {
                return span;
            }
        }
        throw new AssertionError("no span " + spanId + " in " + trace);
    }
}
