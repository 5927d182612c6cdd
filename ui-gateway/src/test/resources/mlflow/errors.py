# Errors as the MLflow client sees them from evalplane: the server version it reads, and a route evalplane does not
# serve (ENDPOINT_NOT_FOUND MlflowException; JSON on every MLflow prefix and method).
import json

import mlflow
from mlflow.exceptions import MlflowException
from mlflow.tracking import MlflowClient
from mlflow.utils.rest_utils import http_request
from mlflow.tracking._tracking_service.utils import _get_store

out = {}
store = _get_store()
out["server_version"] = str(store._get_server_version(store.get_host_creds()))


def error_of(call):
    try:
        call()
        return {"raised": None}
    except MlflowException as e:
        return {"raised": type(e).__name__, "error_code": e.error_code, "status": e.get_http_status_code(),
                "message": e.message}


client = MlflowClient()
# a client call evalplane does not serve: the model registry
out["search_registered_models"] = error_of(lambda: client.search_registered_models())

creds = store.get_host_creds()
unknown = {}
# the four prefixes, and unknown paths below routes evalplane does serve
for prefix in ["/api/2.0/mlflow", "/api/3.0/mlflow", "/ajax-api/2.0/mlflow", "/ajax-api/3.0/mlflow",
               "/api/2.0/mlflow/experiments", "/api/3.0/mlflow/traces/tr-1"]:
    for method in ["GET", "POST", "PATCH", "DELETE"]:
        response = http_request(creds, prefix + "/no-such-route/x", method, max_retries=0)
        unknown[method + " " + prefix] = {"status": response.status_code,
                                          "content_type": response.headers.get("content-type"),
                                          "body": response.json() if response.headers.get("content-type", "").startswith("application/json") else response.text}
out["unknown_routes"] = unknown
print(json.dumps(out))
