package dev.evalplane.support.error;

/** Something the request needs is not available now; the caller may try again later (HTTP 503). */
public non-sealed class UnavailableException extends RefusedException {

    public UnavailableException(String slug, String title, String detail) {
        super(slug, title, detail);
    }
}
