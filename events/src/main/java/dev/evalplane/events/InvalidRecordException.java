package dev.evalplane.events;

/** A Kafka record no service may store or use: it goes to {@code <topic>-dlq} with this message as the reason. */
public class InvalidRecordException extends IllegalArgumentException {

    public InvalidRecordException(String message) {
        super(message);
    }
}
