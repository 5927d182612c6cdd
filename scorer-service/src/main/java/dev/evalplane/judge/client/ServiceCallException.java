package dev.evalplane.judge.client;

/** A sibling service call that failed; {@code status} 0 when the service could not be reached. */
public final class ServiceCallException extends RuntimeException {

    private final int status;

    public ServiceCallException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ServiceCallException unreachable(String service, Throwable cause) {
        return new ServiceCallException(0, service + " unreachable (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")");
    }

    public int status() {
        return status;
    }

    public boolean notFound() {
        return status == 404;
    }
}
