package dev.evalplane.trace.messaging;

import dev.evalplane.trace.service.ValidationException;
import io.vertx.pgclient.PgException;

/**
 * Sorts processing failures: a record-dependent one (invalid record, data PostgreSQL rejects: SQLSTATE classes
 * 22 and 23) is poison and goes to the DLQ; anything else (connection lost, database restarting) is transient and
 * retried, so an outage never empties a topic into its DLQ.
 */
final class Failures {

    static boolean isPoison(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ValidationException || t instanceof IllegalArgumentException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    static boolean isTransient(Throwable failure) {
        return !isPoison(failure);
    }

    private Failures() {
    }
}
