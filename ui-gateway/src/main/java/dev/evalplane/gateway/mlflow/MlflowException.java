package dev.evalplane.gateway.mlflow;

/**
 * A failed MLflow call: {@code http.ExceptionMappers} answers it as {@link MlflowError} with the code's HTTP status.
 * Throw it (or fail a {@code Uni} with it) from anything serving an MLflow route.
 */
public class MlflowException extends RuntimeException {

    private final MlflowErrorCode code;

    public MlflowException(MlflowErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public static MlflowException notFound(String message) {
        return new MlflowException(MlflowErrorCode.RESOURCE_DOES_NOT_EXIST, message);
    }

    public static MlflowException invalidParameter(String message) {
        return new MlflowException(MlflowErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    public static MlflowException alreadyExists(String message) {
        return new MlflowException(MlflowErrorCode.RESOURCE_ALREADY_EXISTS, message);
    }

    /** A route evalplane does not serve (README "MLflow compatibility" says why). */
    public static MlflowException endpointNotFound(String method, String path) {
        return new MlflowException(MlflowErrorCode.ENDPOINT_NOT_FOUND,
                method + " " + path + " is not served by evalplane's MLflow API (see the MLflow compatibility table in the README)");
    }

    /** A required parameter the request lacks, in MLflow's own words. */
    public static MlflowException missing(String parameter) {
        return invalidParameter("Missing value for required parameter '" + parameter + "'.");
    }

    public MlflowErrorCode code() {
        return code;
    }

    public MlflowError error() {
        return new MlflowError(code, getMessage());
    }
}
