package dev.evalplane.judge.scorer;

/** A judge answer we could not turn into a feedback value; becomes a Feedback with this error code. */
public final class VerdictException extends RuntimeException {

    public static final String UNPARSEABLE = "UNPARSEABLE_VERDICT";
    public static final String INVALID_VALUE = "INVALID_VERDICT_VALUE";

    private final String code;

    public VerdictException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
