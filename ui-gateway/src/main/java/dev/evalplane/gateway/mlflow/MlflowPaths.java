package dev.evalplane.gateway.mlflow;

import java.util.List;

/**
 * The MLflow REST prefixes evalplane answers under. Everything below them speaks MLflow's error format, including
 * routes evalplane does not serve (ENDPOINT_NOT_FOUND) and requests without a valid token (UNAUTHENTICATED).
 */
public final class MlflowPaths {

    public static final List<String> PREFIXES = List.of("/api/2.0/mlflow", "/api/3.0/mlflow", "/ajax-api/2.0/mlflow",
            "/ajax-api/3.0/mlflow");
    /** The MLflow server version evalplane answers on {@code GET /version}: the client picks its trace export from it. */
    public static final String SERVER_VERSION = "3.17.2";

    /** Whether a (normalised) request path is an MLflow REST path. */
    public static boolean isMlflow(String path) {
        if (path == null) {
            return false;
        }
        String p = path.replaceAll("/{2,}", "/");
        for (String prefix : PREFIXES) {
            if (p.equals(prefix) || p.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    private MlflowPaths() {
    }
}
