package dev.evalplane.support.error;

/** The request clashes with what is stored: a duplicate, or a change the thing's state does not allow (HTTP 409). */
public non-sealed class ConflictException extends RefusedException {

    public ConflictException(String detail) {
        this("conflict", "Conflict", detail);
    }

    public ConflictException(String slug, String title, String detail) {
        super(slug, title, detail);
    }
}
