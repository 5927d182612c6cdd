package dev.evalplane.judge.online;

import java.time.Instant;

/** A trace a started scorer's sample selected (table {@code scoring.online_claims}), as claimed for scoring. */
public record OnlineClaim(String traceId, String scorerName, int scorerVersion, String configId, String experimentId,
        Instant completedAt, int attempts) {

    public static final String PENDING = "PENDING";
    public static final String SCORING = "SCORING";
    /** Scored: feedback was sent. */
    public static final String DONE = "DONE";
    /** Not scored: the filter does not select it, it is a judge trace, or the config was stopped or changed. */
    public static final String SKIPPED = "SKIPPED";
    /** Not scored: the day's budget was reached. */
    public static final String SKIPPED_BUDGET = "SKIPPED_BUDGET";
    /** Not scored: the trace could not be read. */
    public static final String FAILED = "FAILED";

    /** A selected root span before it is stored. */
    public record New(String traceId, OnlineConfig config, Instant completedAt, Instant dueAt) {
    }
}
