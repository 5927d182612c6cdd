package dev.evalplane.trace.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalplane.trace.search.FilterException;
import dev.evalplane.trace.search.PageTokenException;
import dev.evalplane.trace.service.ConflictException;
import dev.evalplane.trace.service.NotFoundException;
import dev.evalplane.trace.service.ValidationException;
import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Every error leaves as application/problem+json saying what was wrong. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response validation(ValidationException e) {
        return respond(Problem.of("validation", "Invalid request", 400, e.getMessage()));
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
    public Response conflict(ConflictException e) {
        return respond(Problem.of("conflict", "Conflict", 409, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return respond(Problem.of("malformed-json", "Malformed JSON", 400, "the body is not valid JSON: "
                + e.getOriginalMessage()));
    }

    /** Data PostgreSQL refuses (SQLSTATE class 22, e.g. a NUL character or a bad LIKE escape) is the caller's. */
    @ServerExceptionMapper
    public Response database(PgException e) {
        if (e.getSqlState() != null && e.getSqlState().startsWith("22")) {
            return respond(Problem.of("invalid-data", "Invalid data", 400, e.getErrorMessage()));
        }
        Log.errorf(e, "database failure");
        return respond(Problem.of("internal", "Internal error", 500, "the database failed; try again"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return respond(Problem.of("http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), status,
                e.getMessage()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
