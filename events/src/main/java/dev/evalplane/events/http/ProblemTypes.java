package dev.evalplane.events.http;

import java.util.Locale;

/**
 * The {@code type} of every problem+json answer, the services' and the gateway's alike:
 * {@code https://evalplane.dev/problems/<slug>}, so a client reads one set of types whoever answered.
 */
public final class ProblemTypes {

    public static final String BASE = "https://evalplane.dev/problems/";

    public static String of(String slug) {
        return BASE + slug;
    }

    /** A slug from an HTTP reason phrase or a title: "Method Not Allowed" becomes {@code method-not-allowed}. */
    public static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private ProblemTypes() {
    }
}
