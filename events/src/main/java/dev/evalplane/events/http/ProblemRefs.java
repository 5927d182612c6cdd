package dev.evalplane.events.http;

/**
 * Names of the problem+json responses each service's OpenAPI document declares once under {@code components.responses}
 * (its {@code META-INF/openapi.yaml}), for {@code @APIResponse(ref = ...)}; and the one message for a missing body.
 */
public final class ProblemRefs {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String BODY_REQUIRED = "the request needs a JSON body";

    private ProblemRefs() {
    }
}
