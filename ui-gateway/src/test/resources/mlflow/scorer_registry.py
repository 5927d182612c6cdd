# The MLflow scorer registry against evalplane: make_judge(...).register() twice (two versions), built-ins registered
# by class, a @scorer Python function; get_scorer (latest and by version) rebuilds what was registered, list_scorers,
# list_scorer_versions, delete_scorer (one version, all versions). Env: EXPERIMENT_NAME.
import json
import os

import mlflow
from mlflow.exceptions import MlflowException
from mlflow.genai.judges import make_judge
from mlflow.genai.scorers import Correctness, Guidelines, delete_scorer, get_scorer, list_scorers, scorer
from mlflow.genai.scorers.registry import list_scorer_versions

experiment_id = mlflow.set_experiment(os.environ["EXPERIMENT_NAME"]).experiment_id
out = {"experiment_id": experiment_id}


def error_of(call):
    try:
        call()
        return {"raised": None}
    except MlflowException as e:
        return {"raised": type(e).__name__, "error_code": e.error_code, "message": e.message}


v1 = make_judge(name="polite", instructions="Is the answer {{ outputs }} polite? The question: {{ inputs }}",
                feedback_value_type=bool, model="openai:/gpt-4o-mini")
v2 = make_judge(name="polite", instructions="Is the answer {{ outputs }} polite and kind?",
                feedback_value_type=bool, model="openai:/gpt-4o-mini")
registered_v1 = v1.register()
registered_v2 = v2.register()
out["registered_versions"] = [registered_v1._scorer_version, registered_v2._scorer_version]
Correctness().register()
Guidelines(name="house_style", guidelines=["Use British spelling"]).register()


@scorer
def short_answer(outputs) -> bool:
    return len(str(outputs)) < 100


short_answer.register()
# the client rebuilds a @scorer function only where its code is trusted: the code it gets back is the code it sent
out["short_answer_refused"] = error_of(lambda: get_scorer(name="short_answer"))
os.environ["MLFLOW_SERVER_ENABLE_CUSTOM_SCORERS"] = "true"

latest = get_scorer(name="polite")
first = get_scorer(name="polite", version=1)
out["latest_instructions"] = latest.instructions
out["first_instructions"] = first.instructions
out["first_round_trips"] = first.model_dump() == v1.model_dump()
out["latest_round_trips"] = latest.model_dump() == v2.model_dump()
out["latest_version"] = latest._scorer_version
correctness = get_scorer(name="correctness")
out["correctness_class"] = type(correctness).__name__
house_style = get_scorer(name="house_style")
out["house_style"] = {"class": type(house_style).__name__, "guidelines": house_style.guidelines}
out["short_answer_round_trips"] = get_scorer(name="short_answer").model_dump() == short_answer.model_dump()

out["listed"] = sorted(s.name for s in list_scorers())
out["polite_versions"] = [version for _, version in list_scorer_versions(name="polite")]

delete_scorer(name="polite", version=1)
out["polite_versions_after_delete"] = [version for _, version in list_scorer_versions(name="polite")]
out["deleted_version"] = error_of(lambda: get_scorer(name="polite", version=1))
delete_scorer(name="house_style", version="all")
out["deleted_all"] = error_of(lambda: get_scorer(name="house_style"))
out["delete_unknown"] = error_of(lambda: delete_scorer(name="never_registered", version="all"))
out["listed_after_delete"] = sorted(s.name for s in list_scorers())
print(json.dumps(out))
