package dev.evalplane.judge.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of this service's API as {@code application/problem+json}: type, title, status, detail. */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> problem(ProblemException e) {
        return respond(e.status(), e.type(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(status, "about:blank", title, e.getMessage());
    }

    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> unexpected(RuntimeException e) {
        Log.error("unexpected error", e);
        return respond(500, "https://evalplane.dev/problems/internal-error", "Internal error",
                "the scorer-service failed to handle the request: " + e.getClass().getSimpleName());
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
