package dev.evalplane.cost.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.evalplane.events.JsonErrors;
import dev.evalplane.events.http.Violations;
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;

/** Every error of this service's API as {@code application/problem+json}. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problem.response(e.status(), e.title(), e.getMessage());
    }

    /** A request record breaking its Bean Validation rules: 400 naming each field (JSON names). */
    @ServerExceptionMapper
    public Response constraints(ConstraintViolationException e) {
        return Problem.response(400, "Bad Request", Violations.describe(e.getConstraintViolations()));
    }

    @ServerExceptionMapper
    public Response invalidArgument(IllegalArgumentException e) {
        return Problem.response(400, "Bad Request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Problem.response(400, "Bad Request", JsonErrors.describe(e));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = e.getCause() instanceof JsonProcessingException json ? JsonErrors.describe(json) : e.getMessage();
        return Problem.response(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), detail);
    }

    /** A JSON value of the wrong type for a field: 400 naming the field. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return Problem.response(400, "Bad Request", JsonErrors.describe(e));
    }

    /** Data PostgreSQL refuses (SQLSTATE class 22) is the caller's; the database's own text stays in the log. */
    @ServerExceptionMapper
    public Response database(PgException e) {
        if (e.getSqlState() != null && e.getSqlState().startsWith("22")) {
            Log.warnf("request data refused by the database: SQLSTATE %s %s", e.getSqlState(), e.getErrorMessage());
            return Problem.response(400, "Bad Request",
                    "a value in the request cannot be stored (SQLSTATE " + e.getSqlState() + ")");
        }
        return unexpected(e);
    }

    /** Anything else: logged, answered without its text (no exception or database message leaves the service). */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Log.error("unexpected error", e);
        return Problem.response(500, "Internal Server Error", "the request failed; the error was logged");
    }
}
