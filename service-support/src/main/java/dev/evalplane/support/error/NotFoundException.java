package dev.evalplane.support.error;

/** The addressed thing does not exist (HTTP 404). */
public non-sealed class NotFoundException extends RefusedException {

    public NotFoundException(String detail) {
        this("not-found", "Not found", detail);
    }

    public NotFoundException(String slug, String title, String detail) {
        super(slug, title, detail);
    }
}
