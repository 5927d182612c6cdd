package dev.evalplane.gateway.client;

import java.util.Map;

import dev.evalplane.gateway.http.RouteLabels;
import dev.evalplane.gateway.mlflow.MlflowError;
import dev.evalplane.gateway.mlflow.MlflowErrorCode;
import dev.evalplane.gateway.mlflow.MlflowPaths;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

/**
 * The shape of an error the gateway answers itself, outside the resources (the path guard, the token check, the HTTP
 * layer's failures): RFC 9457 problem+json everywhere, except on the MLflow paths ({@link MlflowPaths}), where MLflow
 * clients expect {@link MlflowError} {@code {"error_code": "...", "message": "..."}}. The status stays the one the
 * gateway chose; the MLflow error code follows from it. Pick it with {@link #forPath(String)}.
 */
public enum ErrorShape {
    PROBLEM, MLFLOW;

    public static ErrorShape forPath(String path) {
        return MlflowPaths.isMlflow(path) ? MLFLOW : PROBLEM;
    }

    public String contentType() {
        return this == MLFLOW ? "application/json" : Problems.MEDIA_TYPE;
    }

    /**
     * The error document; {@code slug} names the problem type and {@code title} is a short summary (problem+json only),
     * {@code detail} names what was wrong.
     */
    public Object body(int status, String slug, String title, String detail) {
        return this == MLFLOW ? new MlflowError(mlflowErrorCode(status), detail)
                : Problems.body(status, slug, title, detail);
    }

    /** As a JAX-RS response. */
    public Response response(int status, String slug, String title, String detail) {
        return Response.status(status).type(contentType()).entity(body(status, slug, title, detail)).build();
    }

    /** Ends a Vert.x request with this error (used before and outside JAX-RS). */
    public void end(RoutingContext ctx, int status, String slug, String title, String detail) {
        Object body = body(status, slug, title, detail);
        RouteLabels.markUnrouted(ctx);
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType())
                .end(body instanceof MlflowError error ? error.encode() : Json.encode((Map<?, ?>) body));
    }

    /** The MLflow error code for a status the gateway answers. */
    static MlflowErrorCode mlflowErrorCode(int status) {
        return switch (status) {
            case 401 -> MlflowErrorCode.UNAUTHENTICATED;
            case 403 -> MlflowErrorCode.PERMISSION_DENIED;
            case 404, 405 -> MlflowErrorCode.ENDPOINT_NOT_FOUND;
            case 429 -> MlflowErrorCode.REQUEST_LIMIT_EXCEEDED;
            case 501 -> MlflowErrorCode.NOT_IMPLEMENTED;
            case 502, 503, 504 -> MlflowErrorCode.TEMPORARILY_UNAVAILABLE;
            default -> status >= 500 ? MlflowErrorCode.INTERNAL_ERROR : MlflowErrorCode.INVALID_PARAMETER_VALUE;
        };
    }
}
