package dev.evalplane.gateway.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;

/**
 * The shape of an error the gateway answers itself: RFC 9457 problem+json everywhere, except on the MLflow-compatible
 * routes ({@code /api/2.0/mlflow}, {@code /api/3.0/mlflow}, {@code /ajax-api}), where MLflow clients expect
 * {@code {"error_code": "...", "message": "..."}}. Pick it with {@link #forPath(String)} from the request path.
 */
public enum ErrorShape {
    PROBLEM, MLFLOW;

    /** Path prefixes of the MLflow-compatible API. */
    public static final List<String> MLFLOW_PREFIXES = List.of("/api/2.0/mlflow", "/api/3.0/mlflow", "/ajax-api");

    public static ErrorShape forPath(String path) {
        if (path != null) {
            for (String prefix : MLFLOW_PREFIXES) {
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    return MLFLOW;
                }
            }
        }
        return PROBLEM;
    }

    public String contentType() {
        return this == MLFLOW ? "application/json" : Problems.MEDIA_TYPE;
    }

    /** The error document; {@code title} is a short summary, {@code detail} names what was wrong. */
    public Map<String, Object> body(int status, String title, String detail) {
        if (this == PROBLEM) {
            return Problems.body(status, title, detail);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error_code", mlflowErrorCode(status));
        error.put("message", detail);
        return error;
    }

    /** As a JAX-RS response. */
    public Response response(int status, String title, String detail) {
        return Response.status(status).type(contentType()).entity(body(status, title, detail)).build();
    }

    /** Ends a Vert.x request with this error (used before and outside JAX-RS). */
    public void end(RoutingContext ctx, int status, String title, String detail) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType())
                .end(Json.encode(body(status, title, detail)));
    }

    /** MLflow's {@code ErrorCode} names for the statuses the gateway answers. */
    static String mlflowErrorCode(int status) {
        return switch (status) {
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404, 405 -> "ENDPOINT_NOT_FOUND";
            case 429 -> "REQUEST_LIMIT_EXCEEDED";
            case 502, 503, 504 -> "TEMPORARILY_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "INVALID_PARAMETER_VALUE";
        };
    }
}
