package dev.evalplane.gateway.client;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.evalplane.events.http.ProblemTypes;
import jakarta.ws.rs.core.Response;

/**
 * RFC 9457 problem details, the one error shape of the public API (MLflow routes use {@link ErrorShape#MLFLOW}).
 * {@code type} is {@code https://evalplane.dev/problems/<slug>}, the services' scheme ({@link ProblemTypes}): a
 * problem the gateway answers itself and one a service answered read alike.
 */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.Status status, String slug, String title, String detail) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status.getStatusCode(), slug, title, detail))
                .build();
    }

    /** The problem document: {@code type} (from the slug), {@code title}, {@code status}, {@code detail}. */
    public static Map<String, Object> body(int status, String slug, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemTypes.of(slug));
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }

    private Problems() {
    }
}
