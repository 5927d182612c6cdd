package dev.evalplane.judge.messaging;

/**
 * A record Kafka did not take (too large, broker unavailable past the producer's retries): what the run produced for
 * that row is lost, so the run must not end COMPLETED.
 */
public final class PublishException extends RuntimeException {

    public PublishException(String topic, Throwable cause) {
        super("could not write to Kafka topic " + topic + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
    }

    /** The PublishException in {@code e}'s causes (composite failures included), or null. */
    public static PublishException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PublishException p) {
                return p;
            }
            if (t instanceof io.smallrye.mutiny.CompositeException composite) {
                for (Throwable inner : composite.getCauses()) {
                    PublishException found = in(inner);
                    if (found != null) {
                        return found;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
