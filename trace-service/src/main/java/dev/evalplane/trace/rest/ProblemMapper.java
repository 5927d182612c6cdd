package dev.evalplane.trace.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.evalplane.events.http.Violations;
import dev.evalplane.trace.search.FilterException;
import dev.evalplane.trace.search.PageTokenException;
import dev.evalplane.events.JsonErrors;
import dev.evalplane.trace.service.ConflictException;
import dev.evalplane.trace.service.NotFoundException;
import dev.evalplane.trace.service.NotOwnedException;
import dev.evalplane.trace.service.ValidationException;
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Every error leaves as application/problem+json saying what was wrong. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response validation(ValidationException e) {
        return respond(Problem.of("validation", "Invalid request", 400, e.getMessage()));
    }

    /** A request record breaking its Bean Validation rules: 400 naming each field (JSON names). */
    @ServerExceptionMapper
    public Response constraints(ConstraintViolationException e) {
        return respond(Problem.of("validation", "Invalid request", 400, Violations.describe(e.getConstraintViolations())));
    }

    @ServerExceptionMapper
    public Response filter(FilterException e) {
        return respond(new Problem("https://evalplane.dev/problems/invalid-filter", "Invalid filter_string or order_by",
                400, e.getMessage(), e.position()));
    }

    @ServerExceptionMapper
    public Response pageToken(PageTokenException e) {
        return respond(Problem.of("invalid-page-token", "Invalid page_token", 400, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(Problem.of("not-found", "Not found", 404, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notOwned(NotOwnedException e) {
        return respond(Problem.of("run-not-owned", "Run not owned by the client", 403, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return respond(Problem.of("conflict", "Conflict", 409, e.getMessage()));
    }

    /** A typed body with a value of the wrong JSON type (Quarkus' own mapper would answer an empty 400). */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return respond(Problem.of("validation", "Invalid request", 400, JsonErrors.describe(e)));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return respond(Problem.of("malformed-json", "Malformed JSON", 400, "the body is not valid JSON: "
                + e.getOriginalMessage()));
    }

    /**
     * Data PostgreSQL refuses (SQLSTATE class 22, e.g. a bad LIKE escape or a number out of range) is the caller's;
     * the database's own text stays in the log.
     */
    @ServerExceptionMapper
    public Response database(PgException e) {
        if (e.getSqlState() != null && e.getSqlState().startsWith("22")) {
            Log.warnf("request data refused by the database: SQLSTATE %s %s", e.getSqlState(), e.getErrorMessage());
            return respond(Problem.of("invalid-data", "Invalid data", 400,
                    "a value in the request cannot be stored or compared (SQLSTATE " + e.getSqlState() + ")"));
        }
        Log.errorf(e, "database failure");
        return respond(Problem.of("internal", "Internal error", 500, "the database failed; try again"));
    }

    /** Anything else: logged, answered without its text (no exception or database message leaves the service). */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Log.error("unexpected error", e);
        return respond(Problem.of("internal", "Internal error", 500, "the request failed; the error was logged"));
    }

    /** Quarkus' JSON reader wraps what it could not parse in a 400; the cause says what was wrong. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch);
        }
        if (e.getCause() instanceof JsonProcessingException parse) {
            return json(parse);
        }
        int status = e.getResponse().getStatus();
        return respond(Problem.of("http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), status,
                e.getMessage()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
