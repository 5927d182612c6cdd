package dev.evalplane.judge.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/** Every error of this service's API as {@code application/problem+json}: type, title, status, detail. */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> problem(ProblemException e) {
        return respond(e.status(), e.type(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> web(WebApplicationException e, SimpleResourceInfo resource) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable, resource); // the JSON reader wraps what is not JSON or fails a record's check
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(status, "about:blank", title, e.getMessage());
    }

    /** A body that cannot be bound to its record: 400 naming the field (never Jackson's text with Java type names). */
    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> unreadable(JsonProcessingException e, SimpleResourceInfo resource) {
        return problem(UnreadableBody.problem(resource == null ? null : resource.getResourceClass(),
                UnreadableBody.detail(e)));
    }

    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> mismatched(MismatchedInputException e, SimpleResourceInfo resource) {
        return unreadable(e, resource);
    }

    /** A bound body that breaks its record's constraints: 400 naming each field by its JSON name. */
    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> invalid(ConstraintViolationException e, SimpleResourceInfo resource) {
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

    /** Data PostgreSQL refuses (SQLSTATE class 22: a NUL, a value out of range) is the caller's; its text is not. */
    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> database(PgException e) {
        if (e.getSqlState() != null && e.getSqlState().startsWith("22")) {
            Log.warnf("request data refused by the database: SQLSTATE %s", e.getSqlState());
            return respond(400, "https://evalplane.dev/problems/invalid-data", "Invalid data",
                    "a value in the request cannot be stored (SQLSTATE " + e.getSqlState() + ")");
        }
        return unexpected(e);
    }

    /** Anything else: logged, answered without its text (no exception or database message leaves the service). */
    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> unexpected(Throwable e) {
        Log.error("unexpected error", e);
        return respond(500, "https://evalplane.dev/problems/internal-error", "Internal error",
                "the scorer-service failed to handle the request; the error was logged");
    }

    static RestResponse<Map<String, Object>> respond(int status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return RestResponse.ResponseBuilder.<Map<String, Object>>create(status).entity(body)
                .type(PROBLEM_JSON).build();
    }
}
