package dev.evalplane.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.evalplane.events.http.ProblemTypes;
import jakarta.ws.rs.core.Response;

/**
 * RFC 9457 problem details, the one error body of the services: {@code type} is always
 * {@code https://evalplane.dev/problems/<slug>} ({@link ProblemTypes}, shared with the gateway); {@code position}
 * locates a filter error (0-based character offset) and is left out otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, Integer position) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(ProblemTypes.of(slug), title, status, detail, null);
    }

    public Problem at(int characterOffset) {
        return new Problem(type, title, status, detail, characterOffset);
    }

    /** This problem as a response with its status and {@code application/problem+json}. */
    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** A problem named after its HTTP status: "Method Not Allowed" is {@code method-not-allowed}. */
    public static Problem forStatus(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return of(status, slug(title), title, detail);
    }

    /** A slug from an HTTP reason phrase: "Method Not Allowed" becomes {@code method-not-allowed}. */
    public static String slug(String title) {
        return ProblemTypes.slug(title);
    }
}
