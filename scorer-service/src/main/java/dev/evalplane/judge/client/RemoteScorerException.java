package dev.evalplane.judge.client;

/** A remote scorer call that gave no usable feedback; becomes a Feedback with this error code. */
public final class RemoteScorerException extends RuntimeException {

    public static final String TIMEOUT = "REMOTE_SCORER_TIMEOUT";
    public static final String ERROR = "REMOTE_SCORER_ERROR";

    private final String code;

    public RemoteScorerException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Short, groupable cause for the run's status message. */
    public String reason() {
        return TIMEOUT.equals(code) ? "remote scorer timed out" : "remote scorer failed";
    }
}
