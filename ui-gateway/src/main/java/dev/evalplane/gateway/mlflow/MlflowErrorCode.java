package dev.evalplane.gateway.mlflow;

/**
 * MLflow's error codes (mlflow/protos/databricks.proto) with the HTTP status its server answers them with
 * ({@code mlflow.exceptions.ERROR_CODE_TO_HTTP_STATUS}); the client turns the pair back into an
 * {@code MlflowException} with this code.
 */
public enum MlflowErrorCode {
    INVALID_PARAMETER_VALUE(400),
    RESOURCE_ALREADY_EXISTS(400),
    BAD_REQUEST(400),
    UNAUTHENTICATED(401),
    PERMISSION_DENIED(403),
    RESOURCE_DOES_NOT_EXIST(404),
    ENDPOINT_NOT_FOUND(404),
    REQUEST_LIMIT_EXCEEDED(429),
    INTERNAL_ERROR(500),
    NOT_IMPLEMENTED(501),
    TEMPORARILY_UNAVAILABLE(503);

    private final int httpStatus;

    MlflowErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
