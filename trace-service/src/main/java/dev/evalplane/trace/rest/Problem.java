package dev.evalplane.trace.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem details; {@code position} locates a filter error (0-based character offset). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, Integer position) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://evalplane.dev/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(BASE + slug, title, status, detail, null);
    }
}
