package dev.evalplane.gateway.mlflow;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.vertx.core.json.JsonObject;

/** The error body of every MLflow route: {@code {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "..."}}. */
public record MlflowError(@JsonProperty("error_code") MlflowErrorCode errorCode, String message) {

    /** The body as JSON text, for handlers outside JAX-RS (the auth filter). */
    public String encode() {
        return new JsonObject().put("error_code", errorCode.name()).put("message", message).encode();
    }
}
