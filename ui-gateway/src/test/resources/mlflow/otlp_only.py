# The client in OTLP-only mode: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT points at the gateway's /v1/traces and
# OTEL_EXPORTER_OTLP_TRACES_HEADERS carries x-mlflow-experiment-id and the bearer token (the 3.17 client sends
# neither itself in this mode, and no trace info). Spans leave when the process exits (the exporter flushes then).
import json

import mlflow
from mlflow.entities import SpanType


trace_ids = []


@mlflow.trace(name="otlp-pipeline", span_type=SpanType.CHAIN)
def answer(question):
    # this mode keeps no MLflow trace record (get_last_active_trace_id is None): take the OpenTelemetry trace id
    otel_trace_id = mlflow.get_current_active_span()._span.get_span_context().trace_id
    trace_ids.append("tr-" + format(otel_trace_id, "032x"))
    with mlflow.start_span("chat", span_type=SpanType.CHAT_MODEL) as span:
        span.set_inputs({"messages": [{"role": "user", "content": question}]})
        span.set_outputs({"choices": [{"message": {"role": "assistant", "content": "over OTLP"}}]})
        span.set_attribute("mlflow.chat.tokenUsage", {"input_tokens": 500, "output_tokens": 50, "total_tokens": 550})
        span.set_attribute("mlflow.llm.model", "gpt-4.1-mini")
        span.set_attribute("mlflow.llm.provider", "openai")
    return "over OTLP"


answer("otlp question")
print(json.dumps({"trace_id": trace_ids[0]}))
