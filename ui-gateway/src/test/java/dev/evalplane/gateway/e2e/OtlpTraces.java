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

    /**
     * A CHAIN root and one child LLM call as an OTel GenAI instrumentation of an OpenAI-compatible proxy reports it:
     * {@code gen_ai.system=openai} whatever model the proxy served.
     */
    static String withProxiedLlmCall(String traceHex, String rootHex, String llmHex, String model, long inputTokens,
            long outputTokens) {
        long start = System.currentTimeMillis() * 1_000_000L;
        return """
                {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "chat-app"}}]},
                  "scopeSpans": [{"scope": {"name": "app"}, "spans": [
                   {"traceId": "%1$s", "spanId": "%2$s", "name": "answer", "kind": "SPAN_KIND_SERVER",
                    "startTimeUnixNano": "%4$d", "endTimeUnixNano": "%5$d", "status": {"code": "STATUS_CODE_OK"},
                    "attributes": [{"key": "mlflow.spanType", "value": {"stringValue": "\\"CHAIN\\""}}]},
                   {"traceId": "%1$s", "spanId": "%3$s", "parentSpanId": "%2$s", "name": "chat %6$s",
                    "kind": "SPAN_KIND_CLIENT", "startTimeUnixNano": "%4$d", "endTimeUnixNano": "%5$d",
                    "status": {"code": "STATUS_CODE_OK"},
                    "attributes": [
                      {"key": "gen_ai.operation.name", "value": {"stringValue": "chat"}},
                      {"key": "gen_ai.system", "value": {"stringValue": "openai"}},
                      {"key": "gen_ai.request.model", "value": {"stringValue": "%6$s"}},
                      {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "%7$d"}},
                      {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "%8$d"}}]}]}]}]}
                """.formatted(traceHex, rootHex, llmHex, start, start + 5_000_000L, model, inputTokens, outputTokens);
    }

    static String hex(int length) {
        return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, length);
    }

    private OtlpTraces() {
    }
}
