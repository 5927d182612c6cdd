package dev.evalplane.gateway.http;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.evalplane.events.http.ProblemTypes;
import dev.evalplane.gateway.client.ErrorShape;
import dev.evalplane.gateway.mlflow.MlflowError;
import dev.evalplane.gateway.mlflow.MlflowErrorCode;
import dev.evalplane.gateway.mlflow.MlflowException;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The gateway's only exception mappers: every exception a resource raises, answered in the path's {@link ErrorShape}
 * (MLflow's error document on the MLflow paths, problem+json elsewhere), never empty.
 * <p>
 * One mapper per exception type, and none returns null: RESTEasy Reactive picks one of two mappers of the same type
 * and priority by build order, and a mapper's null is answered as an empty 204. Both once made the gateway answer 204
 * to unknown paths on one machine and not on another ({@code ExceptionMappersTests} pins the rule).
 */
public class ExceptionMappers {

    @ServerExceptionMapper
    public Response mlflow(MlflowException e) {
        return response(e.error());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        return answer(e, request.method().name(), request.path(), request.getHeader("Content-Type"));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        return internal(e, request.method().name(), request.path());
    }

    /** The one way an MLflow error becomes an HTTP response. */
    public static Response response(MlflowError error) {
        return Response.status(error.errorCode().httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }

    /** What JAX-RS itself raises: no such route or method, an unreadable body, an unaccepted content type. */
    static Response answer(WebApplicationException e, String method, String path, String contentType) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, method, path);
        }
        if (ErrorShape.forPath(path) == ErrorShape.MLFLOW) {
            if (status == 404 || status == 405) {
                return response(MlflowException.endpointNotFound(method, path).error());
            }
            return response(new MlflowError(MlflowErrorCode.BAD_REQUEST, e.getMessage()));
        }
        String detail;
        if (e instanceof NotAllowedException) {
            detail = method + " is not allowed on " + path + "; allowed: "
                    + String.join(", ", e.getResponse().getAllowedMethods()) + ".";
        } else if (e instanceof NotSupportedException) {
            detail = "The content type '" + contentType + "' is not accepted by " + method + " " + path + ".";
        } else {
            detail = "The request was refused: " + reason(status) + " (" + method + " " + path + ").";
        }
        Response.ResponseBuilder answer = Response.fromResponse(ErrorShape.PROBLEM.response(status,
                ProblemTypes.slug(reason(status)), reason(status), detail));
        if (!e.getResponse().getAllowedMethods().isEmpty()) {
            answer.allow(e.getResponse().getAllowedMethods());
        }
        return answer.build();
    }

    /** Anything unexpected: logged, and answered without the exception's text. */
    static Response internal(Throwable e, String method, String path) {
        Log.errorf(e, "%s %s failed", method, path);
        ErrorShape shape = ErrorShape.forPath(path);
        if (shape == ErrorShape.MLFLOW) {
            return response(new MlflowError(MlflowErrorCode.INTERNAL_ERROR, "evalplane could not serve "
                    + method + " " + path + ": " + e.getClass().getSimpleName()));
        }
        return shape.response(500, "internal-error", "Internal error",
                "The gateway could not handle this request; the failure is logged.");
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }
}
