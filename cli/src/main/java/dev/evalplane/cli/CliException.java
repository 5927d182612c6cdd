package dev.evalplane.cli;

/** A failure to report to the user in one line, with exit code 1. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
