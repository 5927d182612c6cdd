package dev.evalplane.support.problem;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.evalplane.events.JsonErrors;
import dev.evalplane.support.error.ConflictException;
import dev.evalplane.support.error.NotFoundException;
import dev.evalplane.support.error.RefusedException;
import dev.evalplane.support.error.UnavailableException;
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Every error of a service's API as {@code application/problem+json} with a {@code detail} naming what was wrong; no
 * exception or database text ever leaves the service. A service adds a mapper only for its own exception types (a
 * filter error's position, OTLP's Retry-After). The gateway answers in its own shapes and does not depend on this
 * module (a build condition on this class does not stop RESTEasy Reactive from registering its mappers).
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response refused(RefusedException e) {
        return Problem.of(status(e), e.slug(), e.title(), e.getMessage()).response();
    }

    /** A typed body with a value of the wrong JSON type: 400 naming the field (Quarkus' own answer is empty). */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return Problem.of(400, "validation", "Invalid request", JsonErrors.describe(e)).response();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return Problem.of(400, "malformed-json", "Malformed JSON", JsonErrors.describe(e)).response();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException wrongType ? wrongType(wrongType) : malformedJson(json);
        }
        return Problem.forStatus(status, e.getMessage()).response();
    }

    /**
     * Anything else is logged and answered with a generic 500, except data PostgreSQL refuses (SQLSTATE class 22: a
     * NUL, a value out of range, a bad LIKE escape): that is the caller's, a 400 naming only the SQLSTATE.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
            Log.warnf("request data refused by the database: SQLSTATE %s %s", pg.getSqlState(), pg.getErrorMessage());
            return Problem.of(400, "invalid-data", "Invalid data", "a value in the request cannot be stored or"
                    + " compared (SQLSTATE " + pg.getSqlState() + ")").response();
        }
        Log.error("unexpected error", e);
        return Problem.of(500, "internal", "Internal error", "the request failed; the error was logged").response();
    }

    static int status(RefusedException e) {
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof ConflictException) {
            return 409;
        }
        if (e instanceof UnavailableException) {
            return 503;
        }
        return 400;
    }
}
