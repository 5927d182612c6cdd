package dev.evalplane.support.error;

/** A request or record that breaks a rule; the message says which (HTTP 400, or the DLQ for a Kafka record). */
public non-sealed class InvalidInputException extends RefusedException {

    public InvalidInputException(String detail) {
        this("validation", "Invalid request", detail);
    }

    public InvalidInputException(String slug, String title, String detail) {
        super(slug, title, detail);
    }
}
