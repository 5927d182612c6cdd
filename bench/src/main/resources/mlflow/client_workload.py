# The MLflow client workload of `bench/run mlflow-client`, the same against evalplane and against `mlflow server`:
# 1. TRACES @mlflow.trace traces of SPANS spans each (a root, an LLM span with model and token usage, tool spans)
#    with the client's default export path, timed until all of them are searchable;
# 2. SEARCHES x search_traces(max_results=SEARCH_RESULTS) with their spans;
# 3. FEEDBACK x log_feedback, one per trace.
# Prints one JSON line of timings (seconds).
import json
import os
import time
import uuid

import mlflow
from mlflow.entities import AssessmentSource

traces = int(os.environ["TRACES"])
spans = int(os.environ["SPANS"])
searches = int(os.environ["SEARCHES"])
search_results = int(os.environ["SEARCH_RESULTS"])
feedback = int(os.environ["FEEDBACK"])
mlflow.set_experiment(os.environ["EXPERIMENT_NAME"])
batch = uuid.uuid4().hex[:12]
tag_filter = f"tags.bench = '{batch}'"


@mlflow.trace(span_type="TOOL")
def tool(i, j):
    return f"tool {j} of request {i}"


@mlflow.trace(span_type="CHAT_MODEL")
def llm(i):
    mlflow.get_current_active_span().set_attributes({
        "mlflow.llm.model": "gpt-4o-mini", "mlflow.llm.provider": "openai",
        "mlflow.chat.tokenUsage": {"input_tokens": 500 + i % 100, "output_tokens": 50, "total_tokens": 550 + i % 100}})
    return f"answer {i}"


@mlflow.trace(name="request")
def request(i):
    mlflow.update_current_trace(tags={"bench": batch})
    answer = llm(i)
    for j in range(spans - 2):
        tool(i, j)
    return answer


def searchable():
    return mlflow.search_traces(filter_string=tag_filter, max_results=traces, return_type="list", include_spans=False)


out = {"traces": traces, "spans": spans}
start = time.perf_counter()
for i in range(traces):
    request(i)
mlflow.flush_trace_async_logging()
out["traces_logged_s"] = time.perf_counter() - start
found = []
deadline = time.monotonic() + 600
while time.monotonic() < deadline:
    found = searchable()
    if len(found) >= traces:
        break
    time.sleep(0.5)
out["traces_searchable_s"] = time.perf_counter() - start
out["traces_found"] = len(found)
ids = [t.info.trace_id for t in found]

start = time.perf_counter()
returned = 0
for _ in range(searches):
    returned += len(mlflow.search_traces(filter_string=tag_filter, max_results=search_results, return_type="list"))
out["search_s"] = time.perf_counter() - start
out["search_returned"] = returned

start = time.perf_counter()
for trace_id in ids[:feedback]:
    mlflow.log_feedback(trace_id=trace_id, name="quality", value=True, rationale="bench",
                        source=AssessmentSource(source_type="HUMAN", source_id="bench"))
out["feedback_s"] = time.perf_counter() - start
out["feedback_logged"] = min(feedback, len(ids))
print(json.dumps(out))
