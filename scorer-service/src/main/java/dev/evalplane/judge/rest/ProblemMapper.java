package dev.evalplane.judge.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.logging.Log;
import io.vertx.pgclient.PgException;
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
