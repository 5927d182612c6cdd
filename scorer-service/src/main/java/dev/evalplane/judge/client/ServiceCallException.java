package dev.evalplane.judge.client;

/** A sibling service call that failed; {@code status} 0 when the service could not be reached. */
public final class ServiceCallException extends RuntimeException {

    private final int status;

    public ServiceCallException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ServiceCallException unreachable(String service, Throwable cause) {
        // the cause's message only: a run's error is shown to users, an exception class name is not for them
        return new ServiceCallException(0, service + " unreachable (" + (cause.getMessage() == null
                ? "no answer" : cause.getMessage()) + ")");
    }

    public int status() {
        return status;
    }

    public boolean notFound() {
        return status == 404;
    }
}
