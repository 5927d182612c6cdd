package dev.evalplane.trace.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.evalplane.events.http.Violations;
import dev.evalplane.support.problem.Problem;
import dev.evalplane.trace.search.FilterException;
import dev.evalplane.trace.search.PageTokenException;
import dev.evalplane.trace.service.NotOwnedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;

/** The trace API's own errors as problem+json; every other error goes through service-support's mappers. */
public class ProblemMapper {

    /** A request record breaking its Bean Validation rules: 400 naming each field (JSON names). */
    @ServerExceptionMapper
    public Response constraints(ConstraintViolationException e) {
        return Problem.of(400, "validation", "Invalid request", Violations.describe(e.getConstraintViolations()))
                .response();
    }

    @ServerExceptionMapper
    public Response filter(FilterException e) {
        return Problem.of(400, "invalid-filter", "Invalid filter_string or order_by", e.getMessage()).at(e.position())
                .response();
    }

    @ServerExceptionMapper
    public Response pageToken(PageTokenException e) {
        return Problem.of(400, "invalid-page-token", "Invalid page_token", e.getMessage()).response();
    }

    @ServerExceptionMapper
    public Response notOwned(NotOwnedException e) {
        return Problem.of(403, "run-not-owned", "Run not owned by the client", e.getMessage()).response();
    }
}
