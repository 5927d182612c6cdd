# Online scoring through the MLflow client, one step per run (env STEP), against evalplane's started scorers:
#   start:  make_judge(...).register() for "polite" and "sentinel", scorer.start(sampling_config=ScorerSamplingConfig(
#           sample_rate=1.0)) for both, what get_scorer/list_scorers say, then one traced call.
#   update: get_scorer("polite").update(rate 0.5, a filter on the root span name), then traced calls of two kinds.
#   stop:   get_scorer("polite").stop(), then traced calls; also an update without a rate (MLflow requires one).
# "sentinel" stays started at rate 1 without filter: its feedback on a trace says online scoring has seen that trace.
# Env: EXPERIMENT_NAME, STEP. Prints what the client returned and the trace ids it wrote.
import json
import os

import mlflow
from mlflow.exceptions import MlflowException
from mlflow.genai.judges import make_judge
from mlflow.genai.scorers import ScorerSamplingConfig, get_scorer, list_scorers
from mlflow.genai.scorers.registry import list_scorer_versions

experiment_id = mlflow.set_experiment(os.environ["EXPERIMENT_NAME"]).experiment_id
step = os.environ["STEP"]
out = {"experiment_id": experiment_id, "step": step}


def state(s):
    return {"sample_rate": s.sample_rate, "filter_string": s.filter_string, "status": s.status.value}


def error_of(call):
    try:
        call()
        return {"raised": None}
    except MlflowException as e:
        return {"raised": type(e).__name__, "error_code": e.error_code, "message": e.message}


@mlflow.trace(name="support-answer")
def support_answer(question):
    return "Certainly, dear customer: " + question


@mlflow.trace(name="small-talk")
def small_talk(remark):
    return "How lovely: " + remark


def traced(call, argument):
    call(argument)
    return mlflow.get_last_active_trace_id()


if step == "start":
    for name in ("polite", "sentinel"):
        make_judge(name=name, instructions="Is the answer {{ outputs }} polite?", feedback_value_type=bool,
                   model="openai:/gpt-4o-mini").register()
    out["before_start"] = state(get_scorer(name="polite"))
    started = get_scorer(name="polite").start(sampling_config=ScorerSamplingConfig(sample_rate=1.0))
    get_scorer(name="sentinel").start(sampling_config=ScorerSamplingConfig(sample_rate=1.0))
    out["started"] = state(started)
    out["got"] = state(get_scorer(name="polite"))
    out["listed"] = {s.name: state(s) for s in list_scorers()}
    out["traces"] = [traced(support_answer, "Where is my parcel?")]
elif step == "update":
    updated = get_scorer(name="polite").update(
        sampling_config=ScorerSamplingConfig(sample_rate=0.5, filter_string="trace.name = 'support-answer'"))
    out["updated"] = state(updated)
    out["got"] = state(get_scorer(name="polite"))
    out["support_traces"] = [traced(support_answer, "Question %d" % i) for i in range(8)]
    out["small_talk_traces"] = [traced(small_talk, "Remark %d" % i) for i in range(3)]
elif step == "stop":
    stopped = get_scorer(name="polite").stop()
    out["stopped"] = state(stopped)
    out["got"] = state(get_scorer(name="polite"))
    out["listed"] = {s.name: state(s) for s in list_scorers()}
    out["versions"] = [state(s) for s, _ in list_scorer_versions(name="polite")]
    out["update_without_rate"] = error_of(lambda: get_scorer(name="polite").update(
        sampling_config=ScorerSamplingConfig(filter_string="trace.name = 'x'")))
    out["traces"] = [traced(support_answer, "After the stop %d" % i) for i in range(3)]
elif step == "restart":
    restarted = get_scorer(name="polite").start(sampling_config=ScorerSamplingConfig(sample_rate=0.25))
    out["restarted"] = state(restarted)
    out["stop_sentinel"] = state(get_scorer(name="sentinel").stop())
    out["stop_again"] = state(get_scorer(name="sentinel").stop())
mlflow.flush_trace_async_logging()
print(json.dumps(out))
