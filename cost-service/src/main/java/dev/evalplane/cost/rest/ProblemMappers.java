package dev.evalplane.cost.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.logging.Log;

/** Every error of this service's API as {@code application/problem+json}. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problem.response(e.status(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidArgument(IllegalArgumentException e) {
        return Problem.response(400, "Bad Request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Problem.response(400, "Bad Request", "the request body is not valid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = e.getCause() instanceof JsonProcessingException json
                ? "the request body is not valid JSON: " + json.getOriginalMessage() : e.getMessage();
        return Problem.response(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), detail);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("unexpected error", e);
        return Problem.response(500, "Internal Server Error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
