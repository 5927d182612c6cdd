package dev.evalplane.gateway.client;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, the one error shape of the public API. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.Status status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.getStatusCode());
        problem.put("detail", detail);
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }

    private Problems() {
    }
}
