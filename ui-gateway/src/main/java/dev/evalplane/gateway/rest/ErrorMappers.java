package dev.evalplane.gateway.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.evalplane.gateway.client.ErrorShape;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** JAX-RS errors (unknown method, unsupported content type, ...) in the path's {@link ErrorShape}, never empty. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response webApplicationError(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internalError(e, request);
        }
        String where = request.method() + " " + request.path();
        String detail;
        if (e instanceof NotAllowedException) {
            detail = request.method() + " is not allowed on " + request.path() + "; allowed: "
                    + String.join(", ", e.getResponse().getAllowedMethods()) + ".";
        } else if (e instanceof NotSupportedException) {
            detail = "The content type '" + request.getHeader("Content-Type") + "' is not accepted by " + where + ".";
        } else {
            detail = "The request was refused: " + reason(status) + " (" + where + ").";
        }
        Response.ResponseBuilder answer = Response.fromResponse(
                ErrorShape.forPath(request.path()).response(status, reason(status), detail));
        if (!e.getResponse().getAllowedMethods().isEmpty()) {
            answer.allow(e.getResponse().getAllowedMethods());
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response internalError(Throwable e, HttpServerRequest request) {
        Log.errorf(e, "%s %s failed", request.method(), request.path());
        return ErrorShape.forPath(request.path()).response(500, "Internal error",
                "The gateway could not handle this request; the failure is logged.");
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }
}
