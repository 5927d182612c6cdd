package dev.evalplane.gateway.mlflow.runs;

import dev.evalplane.gateway.mlflow.MlflowException;

/** MLflow's RunStatus against evalplane's run status. */
final class MlflowRunStatus {

    /** evalplane's status for MLflow's RUNNING, SCHEDULED, FINISHED, FAILED or KILLED. */
    static String toEvalplane(String mlflow) {
        if (mlflow == null || mlflow.isEmpty()) {
            return null;
        }
        return switch (mlflow) {
            case "RUNNING", "SCHEDULED" -> "RUNNING";
            case "FINISHED" -> "COMPLETED";
            case "FAILED" -> "FAILED";
            case "KILLED" -> "CANCELLED";
            default -> throw MlflowException.invalidParameter("Invalid value '" + mlflow + "' for parameter 'status':"
                    + " use RUNNING, SCHEDULED, FINISHED, FAILED or KILLED");
        };
    }

    static String toMlflow(String evalplane) {
        return switch (evalplane) {
            case "COMPLETED" -> "FINISHED";
            case "CANCELLED" -> "KILLED";
            default -> evalplane;
        };
    }

    private MlflowRunStatus() {
    }
}
