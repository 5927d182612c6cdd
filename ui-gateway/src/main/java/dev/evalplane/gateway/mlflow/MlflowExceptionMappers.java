package dev.evalplane.gateway.mlflow;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * MLflow's error format on the MLflow routes: {@link MlflowException} anywhere, and on MLflow paths also what JAX-RS
 * itself raises (no such route or method: ENDPOINT_NOT_FOUND; unreadable body: BAD_REQUEST) and anything unexpected
 * (INTERNAL_ERROR, never an HTML page). Elsewhere these mappers return null, so the gateway's other routes keep their
 * own handling.
 */
public class MlflowExceptionMappers {

    @ServerExceptionMapper
    public Response mlflow(MlflowException e) {
        return response(e.error());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        if (!MlflowPaths.isMlflow(request.path())) {
            return null;
        }
        int status = e.getResponse().getStatus();
        if (status == 404 || status == 405) {
            return response(MlflowException.endpointNotFound(request.method().name(), request.path()).error());
        }
        if (status >= 400 && status < 500) {
            return response(new MlflowError(MlflowErrorCode.BAD_REQUEST, e.getMessage()));
        }
        return internal(e, request);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, HttpServerRequest request) {
        if (!MlflowPaths.isMlflow(request.path())) {
            return null;
        }
        return internal(e, request);
    }

    /** The one way an MLflow error becomes an HTTP response. */
    public static Response response(MlflowError error) {
        return Response.status(error.errorCode().httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }

    private static Response internal(Exception e, HttpServerRequest request) {
        Log.errorf(e, "%s %s failed", request.method(), request.path());
        return response(new MlflowError(MlflowErrorCode.INTERNAL_ERROR, "evalplane could not serve "
                + request.method() + " " + request.path() + ": " + e.getClass().getSimpleName()));
    }
}
