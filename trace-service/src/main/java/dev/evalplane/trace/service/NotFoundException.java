package dev.evalplane.trace.service;

/** The addressed trace or assessment does not exist (HTTP 404). */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
