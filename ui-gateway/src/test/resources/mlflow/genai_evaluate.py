# mlflow.genai.evaluate against evalplane, judges run by the client against the fake LLM provider (OPENAI_BASE_URL):
# 1. a predict_fn whose traces hold an LLM span (model and token usage: evalplane prices it), scored by Correctness,
#    Guidelines and a make_judge judge; 2. production traces stored in evalplane, read back with search_traces and
#    evaluated again. Env: EXPERIMENT_NAME.
import json
import os

import mlflow
from mlflow.genai.judges import make_judge
from mlflow.genai.scorers import Correctness, Guidelines

os.environ.setdefault("MLFLOW_GENAI_EVAL_MAX_WORKERS", "2")
experiment_id = mlflow.set_experiment(os.environ["EXPERIMENT_NAME"]).experiment_id
MODEL = "openai:/gpt-4o-mini"


@mlflow.trace(name="answer")
def answer(question):
    with mlflow.start_span(name="chat", span_type="CHAT_MODEL") as span:
        span.set_inputs({"messages": [{"role": "user", "content": question}]})
        span.set_attributes({"mlflow.llm.model": "gpt-4o-mini", "mlflow.llm.provider": "openai",
                             "mlflow.chat.tokenUsage": {"input_tokens": 1000, "output_tokens": 200,
                                                        "total_tokens": 1200}})
        reply = "The answer is " + {"What is 2+2?": "4", "Capital of France?": "Paris",
                                    "Colour of the sky?": "blue"}[question] + "."
        span.set_outputs(reply)
    return reply


data = [
    {"inputs": {"question": "What is 2+2?"}, "expectations": {"expected_response": "4"}},
    {"inputs": {"question": "Capital of France?"}, "expectations": {"expected_response": "Paris"}},
    {"inputs": {"question": "Colour of the sky?"}, "expectations": {"expected_response": "blue"}},
]
polite = make_judge(name="polite", instructions="Is the answer {{ outputs }} to {{ inputs }} polite?",
                    feedback_value_type=bool, model=MODEL)
scorers = [Correctness(model=MODEL), Guidelines(name="house_style", guidelines=["Answer in one sentence"], model=MODEL),
           polite]


def describe(result):
    run = mlflow.get_run(result.run_id)
    traces = mlflow.search_traces(run_id=result.run_id, return_type="list")
    return {
        "run_id": result.run_id,
        "metrics": result.metrics,
        "run_status": run.info.status,
        "run_name": run.info.run_name,
        "run_metrics": run.data.metrics,
        "run_tags": run.data.tags,
        "result_trace_ids": [str(t) for t in result.result_df["trace_id"]],
        "result_columns": list(result.result_df.columns),
        "searched_trace_ids": [t.info.trace_id for t in traces],
        "feedback": [{"trace_id": t.info.trace_id, "name": a.name, "value": a.value,
                      "error": a.error.error_message if a.error else None, "metadata": a.metadata}
                     for t in traces for a in t.info.assessments if a.feedback is not None],
    }


out = {"experiment_id": experiment_id}
out["from_predict_fn"] = describe(mlflow.genai.evaluate(data=data, predict_fn=answer, scorers=scorers))

# production traces: logged outside any run, found in evalplane, evaluated as they are
with mlflow.start_span(name="production") as root:
    root.set_inputs({"question": "Capital of France?"})
    root.set_outputs("Paris is the capital of France.")
    production_id = root.trace_id
mlflow.flush_trace_async_logging()
production = mlflow.search_traces(filter_string="trace.name = 'production'", max_results=10)
out["production_trace_id"] = production_id
out["production_found"] = [str(t) for t in production["trace_id"]]
out["from_search_traces"] = describe(mlflow.genai.evaluate(data=production, scorers=[polite]))
print(json.dumps(out, default=str))
