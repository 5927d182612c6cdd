package dev.evalplane.judge.rest;

import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.evalplane.support.problem.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * The REST layer's own errors as problem+json: a {@link ProblemException}, and a body that cannot be bound to its
 * record, answered as the route's own kind of problem. These take precedence over service-support's general mappers,
 * which answer everything else (domain exceptions, database refusals, unexpected errors).
 */
public class ProblemMapper {

    /** Before service-support's mappers for the same exception types. */
    private static final int FIRST = Priorities.USER - 100;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return new Problem(e.type(), e.title(), e.status(), e.getMessage(), null).response();
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response web(WebApplicationException e, SimpleResourceInfo resource) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable, resource); // the JSON reader wraps what is not JSON or fails a record's check
        }
        return Problem.forStatus(e.getResponse().getStatus(), e.getMessage()).response();
    }

    /** A body that cannot be bound to its record: 400 naming the field (never Jackson's text with Java type names). */
    @ServerExceptionMapper(priority = FIRST)
    public Response unreadable(JsonProcessingException e, SimpleResourceInfo resource) {
        return problem(UnreadableBody.problem(resource == null ? null : resource.getResourceClass(),
                UnreadableBody.detail(e)));
    }

    @ServerExceptionMapper(priority = FIRST)
    public Response mismatched(MismatchedInputException e, SimpleResourceInfo resource) {
        return unreadable(e, resource);
    }

    /** A bound body that breaks its record's constraints: 400 naming each field by its JSON name. */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, SimpleResourceInfo resource) {
        String detail = e.getConstraintViolations().stream().map(ProblemMapper::describe).sorted()
                .collect(Collectors.joining("; "));
        return problem(UnreadableBody.problem(resource == null ? null : resource.getResourceClass(), detail));
    }

    /** {@code experiment_id size must be between 0 and 256}: the leaf nodes of the path, in the JSON's own names. */
    private static String describe(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        int depth = 0;
        for (Path.Node node : violation.getPropertyPath()) {
            if (depth++ < 2) {
                continue; // the method and its parameter
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(snake(node.getName()));
            }
        }
        return (field.isEmpty() ? "the request body" : field) + " " + violation.getMessage();
    }

    private static String snake(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
