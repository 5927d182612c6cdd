package dev.evalplane.gateway.mlflow;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls to the gateway's own API with the token: an OTLP/JSON export of a one-span trace, and trace reads. */
final class OtlpExport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Exports a one-span trace to {@code experimentId} over OTLP/JSON and waits until it is stored; its trace id. */
    static String storeTrace(MlflowStack stack, String experimentId) {
        String traceHex = hex(32);
        long now = System.currentTimeMillis() * 1_000_000L;
        String body = """
                {"resourceSpans": [{"resource": {"attributes": []}, "scopeSpans": [{"scope": {"name": "app"}, "spans": [{
                  "traceId": "%s", "spanId": "%s", "name": "legacy", "kind": "SPAN_KIND_SERVER",
                  "startTimeUnixNano": "%d", "endTimeUnixNano": "%d", "status": {"code": "STATUS_CODE_OK"},
                  "attributes": []}]}]}]}
                """.formatted(traceHex, hex(16), now, now + 1_000_000L);
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.gateway.url("/v1/traces")))
                .header("Content-Type", "application/json").header("x-mlflow-experiment-id", experimentId)
                .header("Authorization", "Bearer " + MlflowStack.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        int status = send(request).statusCode();
        if (status != 200) {
            throw new AssertionError("OTLP export answered " + status);
        }
        String traceId = "tr-" + traceHex;
        await().atMost(Duration.ofSeconds(60)).until(() -> trace(stack, traceId) != null);
        return traceId;
    }

    /** evalplane's own view of a trace ({@code GET /api/v1/traces/{id}}), or null while it is not stored. */
    static JsonNode trace(MlflowStack stack, String traceId) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(stack.gateway.url("/api/v1/traces/" + traceId)))
                .header("Authorization", "Bearer " + MlflowStack.TOKEN).GET().build());
        if (answer.statusCode() == 404) {
            return null;
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(answer.body(), e);
        }
    }

    static String hex(int length) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, length);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private OtlpExport() {
    }
}
