package dev.evalplane.trace.search;

/** A page_token that is malformed or belongs to another query (HTTP 400). */
public class PageTokenException extends RuntimeException {
    public PageTokenException(String detail) {
        super(detail);
    }
}
