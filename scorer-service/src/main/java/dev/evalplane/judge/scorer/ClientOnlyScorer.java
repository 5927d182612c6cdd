package dev.evalplane.judge.scorer;

import dev.evalplane.events.http.ScorerSpec;

/**
 * A scorer the MLflow client registered that only the client can run: {@code {"client_only": {"name", "mlflow_type"}}}
 * with {@code mlflow_type} {@code "python_code"} (a {@code @scorer} function: its Python source, which evalplane never
 * executes) or the class name of an MLflow scorer evalplane has no server-side counterpart for. It can be registered,
 * listed and fetched (the MLflow client runs it itself); an evaluation here refuses it, saying what to use instead.
 */
public final class ClientOnlyScorer {

    public static final String KIND = "client_only";
    public static final String PYTHON_CODE = "python_code";
    static final int MAX_TYPE = 200;

    /** Checks {@code {"client_only": {"name", "mlflow_type"}}}; IllegalArgumentException naming what is wrong. */
    public static void check(ScorerSpec.ClientOnly spec) {
        ScorerSpec.Client inner = spec.clientOnly();
        if (inner.name() == null || inner.mlflowType() == null || inner.mlflowType().isBlank()
                || inner.mlflowType().length() > MAX_TYPE) {
            throw new IllegalArgumentException("a client-only scorer is {\"client_only\": {\"name\": ..., \"mlflow_type\":"
                    + " \"python_code\" or an MLflow scorer class name}}");
        }
        ScorerFactory.validName(inner.name());
    }

    /** Why an evaluation here cannot run it, and what to use instead (the 400 detail). */
    public static String whyNotHere(ScorerSpec.ClientOnly spec) {
        String name = spec.clientOnly().name() == null ? "?" : spec.clientOnly().name();
        String type = spec.clientOnly().mlflowType() == null ? "?" : spec.clientOnly().mlflowType();
        if (PYTHON_CODE.equals(type)) {
            return "scorer '" + name + "' is a Python code scorer (MLflow @scorer) registered from the MLflow client;"
                    + " evalplane does not run Python code server-side. Serve the function over HTTP and use it as a"
                    + " remote scorer instead: {\"remote\": {\"name\": \"" + name + "\", \"url\": \"https://...\"}}"
                    + " (or run it with mlflow.genai.evaluate in the client)";
        }
        return "scorer '" + name + "' is MLflow's " + type + ", which evalplane has no server-side counterpart for; use"
                + " one of " + BuiltinJudges.NAMES + ", a {\"judge\": ...}, {\"code\": ...} or {\"remote\": ...} scorer"
                + " instead (or run it with mlflow.genai.evaluate in the client)";
    }

    private ClientOnlyScorer() {
    }
}
