package dev.evalplane.support.messaging;

import java.util.Set;

import dev.evalplane.support.error.InvalidInputException;
import io.vertx.pgclient.PgException;

/**
 * Sorts processing failures. Transient: the database is unreachable or restarting, a deadlock or serialization
 * conflict, lack of resources (no SQLSTATE, or classes 08, 40, 53, 55, 57, 58, XX): retried until they pass, so an
 * outage never empties a topic into its DLQ. Anything else depends on the record (invalid record, data PostgreSQL
 * rejects) and would fail forever: poison, sent to the DLQ.
 */
final class Failures {

    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "55", "57", "58", "XX");

    static boolean isPoison(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException || t instanceof IllegalArgumentException) {
                return true;
            }
            if (t instanceof PgException pg) {
                String state = pg.getSqlState();
                return state != null && state.length() >= 2 && !TRANSIENT_CLASSES.contains(state.substring(0, 2));
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
