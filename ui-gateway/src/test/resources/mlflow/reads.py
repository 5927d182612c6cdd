# Reading traces back through the MLflow client: mlflow.get_trace, MlflowClient().get_trace, search_traces (list and
# DataFrame, filter_string, order_by, max_results, page tokens), batch get, trace tags, delete_traces, a missing trace.
import json
import os
import time

import mlflow
from mlflow.exceptions import MlflowException
from mlflow.tracing.client import TracingClient
from mlflow.tracking import MlflowClient

started = time.monotonic()  # the client calls, without python start and import

experiment_id = os.environ["EXPERIMENT_ID"]
ids = os.environ["TRACE_IDS"].split(",")
client = MlflowClient()


def error_of(call):
    try:
        call()
        return {"raised": None}
    except MlflowException as e:
        return {"raised": type(e).__name__, "error_code": e.error_code, "status": e.get_http_status_code(),
                "message": e.message}


def trace_view(trace):
    info = trace.info
    return {
        "trace_id": info.trace_id,
        "experiment_id": info.experiment_id,
        "state": str(info.state),
        "request_time": info.request_time,
        "execution_duration": info.execution_duration,
        "tags": info.tags,
        "token_usage": info.token_usage,
        "cost": info.trace_metadata.get("mlflow.trace.cost"),
        "request_preview": info.request_preview,
        "spans": [{"name": s.name, "span_type": s.span_type, "parent_id": s.parent_id, "span_id": s.span_id,
                   "inputs": s.inputs, "outputs": s.outputs,
                   "usage": s.get_attribute("mlflow.chat.tokenUsage"),
                   "cost": s.get_attribute("mlflow.llm.cost")} for s in trace.data.spans],
    }


out = {"fluent_get": trace_view(mlflow.get_trace(ids[0])), "client_get": trace_view(client.get_trace(ids[0]))}

listed = mlflow.search_traces(locations=[experiment_id], filter_string="tags.team = 'search'",
                              order_by=["timestamp_ms ASC"], return_type="list")
out["search_list"] = [t.info.trace_id for t in listed]
out["search_list_spans"] = [len(t.data.spans) for t in listed]
one = mlflow.search_traces(locations=[experiment_id], filter_string="tags.q_index = '1' AND trace.status = 'OK'",
                           return_type="list")
out["search_filter"] = [t.info.trace_id for t in one]
df = mlflow.search_traces(locations=[experiment_id], order_by=["timestamp_ms DESC"], max_results=2)
out["dataframe_columns"] = list(df.columns)
out["dataframe_ids"] = list(df["trace_id"])
out["dataframe_span_counts"] = [len(spans) for spans in df["spans"]]
pages = []
token = None
while True:
    page = client.search_traces(locations=[experiment_id], max_results=1, order_by=["timestamp_ms ASC"],
                                page_token=token)
    pages.append([t.info.trace_id for t in page])
    token = page.token
    if not token:
        break
out["pages"] = pages
out["batch_get"] = [[t.info.trace_id, len(t.data.spans)] for t in TracingClient().batch_get_traces(ids)]

mlflow.set_trace_tag(ids[1], "reviewed", "yes")
client.delete_trace_tag(ids[1], "team")
out["tags_after_edit"] = mlflow.get_trace(ids[1]).info.tags
out["deleted"] = client.delete_traces(experiment_id=experiment_id, trace_ids=[ids[2]])
out["get_deleted"] = error_of(lambda: client.get_trace(ids[2]))
out["get_missing"] = error_of(lambda: client.get_trace("tr-" + "0" * 32))
out["bad_filter"] = error_of(lambda: mlflow.search_traces(locations=[experiment_id], filter_string="tags.team = ",
                                                          return_type="list"))
out["after_delete"] = [t.info.trace_id for t in mlflow.search_traces(locations=[experiment_id], return_type="list")]
out["seconds"] = round(time.monotonic() - started, 2)
print(json.dumps(out, default=str))
