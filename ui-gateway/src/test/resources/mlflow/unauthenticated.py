# The client without a valid MLFLOW_TRACKING_TOKEN: its first call fails with an MlflowException, nothing is served.
import json

import mlflow
from mlflow.exceptions import MlflowException

try:
    mlflow.get_experiment_by_name("Default")
    print(json.dumps({"raised": None}))
except MlflowException as e:
    print(json.dumps({"raised": type(e).__name__, "error_code": e.error_code, "status": e.get_http_status_code(),
                      "message": e.message}))
