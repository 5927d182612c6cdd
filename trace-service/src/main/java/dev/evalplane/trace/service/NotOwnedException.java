package dev.evalplane.trace.service;

/** A client tried to put something into a run it does not own: a run evalplane's pipeline executed (403). */
public class NotOwnedException extends RuntimeException {

    public NotOwnedException(String message) {
        super(message);
    }
}
