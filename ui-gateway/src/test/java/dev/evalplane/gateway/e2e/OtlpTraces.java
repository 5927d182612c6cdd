package dev.evalplane.gateway.e2e;

import java.util.UUID;

/** OTLP/JSON export requests as an instrumented app sends them: one MLflow-style CHAIN span per trace. */
final class OtlpTraces {

    static String json(String traceHex, String spanHex, String question, String answer) {
        String inputs = "{\\\"question\\\": \\\"" + question + "\\\"}";
        String outputs = "\\\"" + answer + "\\\"";
        return """
                {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "chat-app"}}]},
                  "scopeSpans": [{"scope": {"name": "app"}, "spans": [{
                    "traceId": "%s", "spanId": "%s", "name": "answer", "kind": "SPAN_KIND_SERVER",
                    "startTimeUnixNano": "%d", "endTimeUnixNano": "%d", "status": {"code": "STATUS_CODE_OK"},
                    "attributes": [
                      {"key": "mlflow.spanType", "value": {"stringValue": "\\"CHAIN\\""}},
                      {"key": "mlflow.spanInputs", "value": {"stringValue": "%s"}},
                      {"key": "mlflow.spanOutputs", "value": {"stringValue": "%s"}}]}]}]}]}
                """.formatted(traceHex, spanHex, System.currentTimeMillis() * 1_000_000L,
                System.currentTimeMillis() * 1_000_000L + 5_000_000L, inputs, outputs);
    }

    static String hex(int length) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, length);
    }

    private OtlpTraces() {
    }
}
