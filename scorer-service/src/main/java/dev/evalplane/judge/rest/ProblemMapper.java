package dev.evalplane.judge.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.evalplane.support.problem.Problem;
import jakarta.ws.rs.core.Response;

/** A {@link ProblemException} of the REST layer as problem+json; every other error goes through service-support's mappers. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return new Problem(e.type(), e.title(), e.status(), e.getMessage(), null).response();
    }
}
