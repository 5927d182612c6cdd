package dev.evalplane.cost.rest;

import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, served as {@code application/problem+json}. */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String title, String detail) {
        Problem problem = new Problem("https://evalplane.dev/problems/" + title.toLowerCase().replace(' ', '-'), title,
                status, detail);
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }
}
