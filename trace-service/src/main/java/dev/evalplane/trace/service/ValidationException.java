package dev.evalplane.trace.service;

/** A request or record that breaks a rule; the detail says which (HTTP 400, or the DLQ for Kafka records). */
public class ValidationException extends RuntimeException {
    public ValidationException(String detail) {
        super(detail);
    }
}
