# Experiments through the MLflow client: set_experiment (get-by-name, then create), get_experiment,
# get_experiment_by_name, search_experiments (filter, order, pages), experiment tags, errors, and an experiment id
# that only appears in OTLP traces (LEGACY_EXPERIMENT) reading as an experiment named after it.
import json
import os
import time

import mlflow
from mlflow.exceptions import MlflowException
from mlflow.tracking import MlflowClient

started = time.monotonic()  # the client calls, without python start and import

prefix = os.environ["EXPERIMENT_PREFIX"]
legacy = os.environ["LEGACY_EXPERIMENT"]
client = MlflowClient()


def exp(e):
    return None if e is None else {"experiment_id": e.experiment_id, "name": e.name, "tags": e.tags,
                                   "lifecycle_stage": e.lifecycle_stage, "creation_time": e.creation_time}


def error_of(call):
    try:
        call()
        return {"raised": None}
    except MlflowException as e:
        return {"raised": type(e).__name__, "error_code": e.error_code, "status": e.get_http_status_code(),
                "message": e.message}


out = {"default": exp(mlflow.get_experiment("0"))}
created = mlflow.set_experiment(prefix + "main")
out["created"] = exp(created)
out["set_again_id"] = mlflow.set_experiment(prefix + "main").experiment_id
client.set_experiment_tag(created.experiment_id, "team", "evals")
mlflow.set_experiment_tags({"stage": "dev", "team": "evals-2"})
client.delete_experiment_tag(created.experiment_id, "stage")
out["got"] = exp(mlflow.get_experiment(created.experiment_id))
out["by_name"] = exp(mlflow.get_experiment_by_name(prefix + "main"))
out["by_missing_name"] = exp(mlflow.get_experiment_by_name(prefix + "missing"))
out["duplicate"] = error_of(lambda: mlflow.create_experiment(prefix + "main"))
out["missing_id"] = error_of(lambda: mlflow.get_experiment("987654321"))
out["bad_filter"] = error_of(lambda: mlflow.search_experiments(filter_string="name = 'a' OR name = 'b'"))

for i in range(3):
    mlflow.create_experiment(prefix + "page-" + str(i), tags={"kind": "page"})
out["search_fluent"] = [e.name for e in mlflow.search_experiments(
    filter_string="name LIKE '" + prefix + "page-%' AND tags.kind = 'page'", order_by=["name DESC"])]
pages = []
token = None
while True:
    page = client.search_experiments(filter_string="name LIKE '" + prefix + "%'", order_by=["name ASC"],
                                     max_results=2, page_token=token)
    pages.append([e.name for e in page])
    token = page.token
    if not token:
        break
out["search_pages"] = pages
out["legacy"] = exp(mlflow.get_experiment(legacy))
out["legacy_by_name"] = exp(mlflow.get_experiment_by_name(legacy))
out["seconds"] = round(time.monotonic() - started, 2)
print(json.dumps(out))
