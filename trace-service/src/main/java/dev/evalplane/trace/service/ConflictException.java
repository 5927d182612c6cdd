package dev.evalplane.trace.service;

/** The request would duplicate something that must be unique (409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
