package dev.evalplane.cost.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.evalplane.events.http.Violations;
import dev.evalplane.support.problem.Problem;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;

/**
 * The price API's own errors as problem+json; every other error goes through service-support's mappers. An
 * IllegalArgumentException here is a price override the caller got wrong ({@code OverrideFields} names the field).
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problem.of(e.status(), Problem.slug(e.title()), e.title(), e.getMessage()).response();
    }

    /** A request record breaking its Bean Validation rules: 400 naming each field (JSON names). */
    @ServerExceptionMapper
    public Response constraints(ConstraintViolationException e) {
        return Problem.of(400, "bad-request", "Bad Request", Violations.describe(e.getConstraintViolations()))
                .response();
    }

    @ServerExceptionMapper
    public Response invalidArgument(IllegalArgumentException e) {
        return Problem.of(400, "bad-request", "Bad Request", e.getMessage()).response();
    }
}
