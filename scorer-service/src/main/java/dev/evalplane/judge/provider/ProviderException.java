package dev.evalplane.judge.provider;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A failed provider call. {@code status} is the HTTP status, 0 for timeouts and connection failures.
 * Retryable: 408, 409, 429, 5xx, timeouts, connection failures. {@code retryAfter} is the provider's hint, if any.
 */
public final class ProviderException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;
    private final String reason;

    public ProviderException(int status, String reason, String detail, Duration retryAfter) {
        super(detail == null || detail.isBlank() ? reason : reason + ": " + detail);
        this.status = status;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public static ProviderException http(int status, String detail, Duration retryAfter) {
        return new ProviderException(status, "provider returned " + status, detail, retryAfter);
    }

    /** Wraps transport failures (timeouts, refused connections) and passes ProviderExceptions through. */
    public static ProviderException from(Throwable failure) {
        if (failure instanceof ProviderException p) {
            return p;
        }
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return new ProviderException(0, "provider timed out", failure.getMessage(), null);
        }
        return new ProviderException(0, "provider unreachable", String.valueOf(failure.getMessage()), null);
    }

    public int status() {
        return status;
    }

    /** Short, groupable cause for run summaries: "provider returned 503", "provider timed out". */
    public String reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean isRateLimited() {
        return status == 429;
    }

    public boolean retryable() {
        return status == 0 || status == 408 || status == 409 || status == 429 || status >= 500;
    }
}
