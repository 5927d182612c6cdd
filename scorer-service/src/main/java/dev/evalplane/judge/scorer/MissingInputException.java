package dev.evalplane.judge.scorer;

/** The row lacks what a scorer needs (outputs, expectations, retrieval spans); becomes an error Feedback. */
public final class MissingInputException extends RuntimeException {

    public static final String CODE = "MISSING_INPUT";

    public MissingInputException(String message) {
        super(message);
    }
}
