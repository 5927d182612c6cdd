# Assessments through the MLflow client on a stored trace (TRACE_ID): log_feedback, log_expectation,
# override_feedback, get_assessment, update_assessment, delete_assessment; feedback with an error.
import json
import os
import time

import mlflow
from mlflow.entities import AssessmentError, AssessmentSource, AssessmentSourceType, Expectation, Feedback
from mlflow.exceptions import MlflowException

started = time.monotonic()  # the client calls, without python start and import

trace_id = os.environ["TRACE_ID"]
human = AssessmentSource(source_type=AssessmentSourceType.HUMAN, source_id="ann@example.com")
judge = AssessmentSource(source_type=AssessmentSourceType.LLM_JUDGE, source_id="openai:/gpt-4.1-mini")


def error_of(call):
    try:
        call()
        return {"raised": None}
    except MlflowException as e:
        return {"raised": type(e).__name__, "error_code": e.error_code, "status": e.get_http_status_code(),
                "message": e.message}


def view(a):
    return {"assessment_id": a.assessment_id, "name": a.name, "trace_id": a.trace_id, "value": a.value,
            "rationale": getattr(a, "rationale", None), "source_type": a.source.source_type,
            "source_id": a.source.source_id, "metadata": a.metadata, "overrides": a.overrides, "valid": a.valid,
            "error": None if getattr(a, "error", None) is None else a.error.error_code,
            "kind": type(a).__name__}


relevance = mlflow.log_feedback(trace_id=trace_id, name="relevance", value=True, rationale="on topic",
                                source=human, metadata={"reviewer_team": "qa"})
expected = mlflow.log_expectation(trace_id=trace_id, name="expected_answer",
                                  value={"answer": "42", "facts": ["a", "b"]}, source=human)
length = mlflow.log_expectation(trace_id=trace_id, name="expected_length", value=3, source=human)
verdict = mlflow.log_feedback(trace_id=trace_id, name="correctness", value="no", rationale="judge says no",
                              source=judge)
override = mlflow.override_feedback(trace_id=trace_id, assessment_id=verdict.assessment_id, value="yes",
                                    rationale="a human corrected it", source=human)
failed = mlflow.log_feedback(trace_id=trace_id, name="safety", source=judge,
                             error=AssessmentError(error_code="TIMEOUT", error_message="the judge timed out"))
out = {"logged": [view(a) for a in (relevance, expected, length, verdict, override, failed)]}
out["got"] = view(mlflow.get_assessment(trace_id, relevance.assessment_id))
out["updated"] = view(mlflow.update_assessment(trace_id=trace_id, assessment_id=relevance.assessment_id,
                                               assessment=Feedback(name="relevance", value=False,
                                                                   rationale="off topic after all")))
out["renamed"] = view(mlflow.update_assessment(trace_id=trace_id, assessment_id=expected.assessment_id,
                                               assessment=Expectation(name="expected_facts",
                                                                      value={"answer": "42", "facts": ["a", "b", "c"]})))
mlflow.delete_assessment(trace_id, length.assessment_id)
out["get_deleted"] = error_of(lambda: mlflow.get_assessment(trace_id, length.assessment_id))
out["on_missing_trace"] = error_of(lambda: mlflow.log_feedback(trace_id="tr-" + "0" * 32, name="x", value=1))
out["final"] = [view(a) for a in mlflow.get_trace(trace_id).info.assessments]
out["seconds"] = round(time.monotonic() - started, 2)
print(json.dumps(out, default=str))
