package dev.evalplane.support.sql;

import io.vertx.pgclient.PgException;

/**
 * Insert first, upsert on a duplicate: a batch of new rows is written with a plain {@code INSERT}, which PostgreSQL
 * runs as one index insertion per row, where {@code ON CONFLICT} costs every row a speculative insertion (a probe of
 * the key, a speculative heap tuple, the index insertion, then a second heap write to confirm it). Only a batch that
 * holds a row stored before (a redelivery) fails, with a unique violation of the key; the caller then writes the
 * whole batch again, as upserts, in a new transaction.
 */
public final class AlreadyStored {

    private static final String UNIQUE_VIOLATION = "23505";

    /** Whether {@code failure} is a unique violation of {@code constraint} (a row with that key is stored already). */
    public static boolean violates(Throwable failure, String constraint) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                && constraint.equals(pg.getConstraint());
    }

    private AlreadyStored() {
    }
}
