package dev.evalplane.gateway.mlflow;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What every MLflow resource does with its parameters: require one, and put one into a service path. */
public final class MlflowParams {

    /** The value, or MLflow's INVALID_PARAMETER_VALUE naming the missing parameter. */
    public static String required(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            throw MlflowException.missing(parameter);
        }
        return value;
    }

    /** One path segment, percent-encoded (a space as %20, never +). */
    public static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private MlflowParams() {
    }
}
