package dev.evalplane.judge.online;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How online scoring waits, leases and bounds its work (README "Online scoring"). */
@ConfigMapping(prefix = "evalplane.online")
public interface OnlineSettings {

    /**
     * How long after a trace completed (its root span's end, bounded by when trace-service stored it) it is scored:
     * late child spans stored within it are included.
     */
    @WithDefault("2s")
    Duration grace();

    /**
     * Traces this replica scores at once; more stay PENDING in the database. Each one mostly waits (trace read,
     * provider, Kafka), and provider calls are bounded by {@link #providerConcurrency}: 100 claims a second that take
     * 1 s each under load need 100 slots.
     */
    @WithDefault("256")
    int maxInFlight();

    /** PENDING claims above which the consumer pauses (the backlog then waits in Kafka as consumer lag). */
    @WithDefault("100000")
    int maxBacklog();

    /** How long a claim stays with the replica scoring it without being extended (a killed replica's claims expire). */
    @WithDefault("30s")
    Duration lease();

    /** How often due claims are looked for and leases extended. */
    @WithDefault("250ms")
    Duration pollEvery();

    /**
     * Attempts to read a trace trace-service has not stored yet before the claim ends FAILED (each wait a third of the
     * time since the trace completed, from {@code poll-every} to 10 s: 20 attempts span about two minutes after a 2 s
     * grace).
     */
    @WithDefault("20")
    int traceReadAttempts();

    /** Stored traces one start with {@code backfill_hours} looks at, newest first (the rest of the window is left). */
    @WithDefault("10000")
    int backfillMaxTraces();

    /** Concurrent provider calls of one provider key (the AIMD limiter starts here and halves on 429). */
    @WithDefault("64")
    int providerConcurrency();
}
