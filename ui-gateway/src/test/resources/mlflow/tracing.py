# Traces written by the MLflow client with its default settings (no OTLP variables): @mlflow.trace and
# mlflow.start_span; the client sends the spans over OTLP (POST /v1/traces, x-mlflow-experiment-id) and the trace
# info to POST /api/3.0/mlflow/traces, as it chooses from GET /version. One CHAT_MODEL span per trace reports tokens.
import json
import os
import time

import mlflow
from mlflow.entities import SpanType

started = time.monotonic()  # the client calls, without python start and import

experiment = mlflow.set_experiment(os.environ["EXPERIMENT_NAME"])


@mlflow.trace(span_type=SpanType.RETRIEVER)
def retrieve(question):
    return [{"page_content": "MLflow is an open source platform", "metadata": {"doc_uri": "docs/" + question}}]


def chat(question, docs):
    with mlflow.start_span("chat", span_type=SpanType.CHAT_MODEL) as span:
        span.set_inputs({"messages": [{"role": "user", "content": question}], "model": "gpt-4.1-mini"})
        answer = "An answer to " + question
        span.set_outputs({"choices": [{"message": {"role": "assistant", "content": answer}}]})
        span.set_attribute("mlflow.chat.tokenUsage", {"input_tokens": 1000, "output_tokens": 200, "total_tokens": 1200})
        span.set_attribute("mlflow.llm.model", "gpt-4.1-mini")
        span.set_attribute("mlflow.llm.provider", "openai")
        return answer


@mlflow.trace(name="pipeline", span_type=SpanType.CHAIN)
def pipeline(question, index):
    docs = retrieve(question)
    mlflow.update_current_trace(tags={"team": "search", "q_index": str(index)})
    return chat(question, docs)


trace_ids = []
for i in range(3):
    pipeline("question " + str(i), i)
    trace_ids.append(mlflow.get_last_active_trace_id())
mlflow.flush_trace_async_logging()
print(json.dumps({"experiment_id": experiment.experiment_id, "trace_ids": trace_ids,
                  "seconds": round(time.monotonic() - started, 2)}))
