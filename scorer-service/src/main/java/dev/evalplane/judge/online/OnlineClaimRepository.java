package dev.evalplane.judge.online;

import static dev.evalplane.support.sql.Columns.Type.INT4;
import static dev.evalplane.support.sql.Columns.Type.INT8;
import static dev.evalplane.support.sql.Columns.Type.TEXT;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.evalplane.support.sql.Columns;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code scoring.online_claims}: the primary key (trace, scorer name, scorer version) admits a trace to a scorer once,
 * however often Kafka delivers its root span. Replicas take due claims with {@code FOR UPDATE SKIP LOCKED} under a
 * lease they extend while alive; a claim whose lease ran out (its replica was killed) is taken again.
 * The online consumer's inserts use a pool of their own ({@value #CLAIMS_POOL}, same database): they never queue behind
 * the scoring statements, so the consumer keeps up with the topic while scoring is busy.
 */
@ApplicationScoped
public class OnlineClaimRepository {

    private static final String KEY = "trace_id = $1 AND scorer_name = $2 AND scorer_version = $3";
    /** The statement that adds a scored trace's actual cost to its day and releases its reservation (parameters named). */
    private static String settleSql(String config, String day, String reservation, String actual) {
        return "INSERT INTO scoring.online_spend (config_id, day, spent_usd, scored) VALUES (" + config + ", " + day
                + ", " + actual + ", 1) ON CONFLICT (config_id, day) DO UPDATE SET"
                + " reserved_usd = GREATEST(online_spend.reserved_usd - " + reservation + ", 0),"
                + " spent_usd = online_spend.spent_usd + " + actual + ", scored = online_spend.scored + 1";
    }

    /** The reactive datasource of the online consumer's claim inserts (application.properties). */
    static final String CLAIMS_POOL = "online-claims";

    private final Pool pool;
    private final Pool insertPool;

    public OnlineClaimRepository(Pool pool, @ReactiveDataSource(CLAIMS_POOL) Pool insertPool) {
        this.pool = pool;
        this.insertPool = insertPool;
    }

    /** Inserts the claims that do not exist yet; how many were new. */
    public Uni<Integer> insert(List<OnlineClaim.New> claims) {
        if (claims.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Columns rows = new Columns(claims.size(), TEXT, TEXT, INT4, TEXT, TEXT, INT8, INT8);
        for (OnlineClaim.New c : claims) {
            rows.row().text(c.traceId()).text(c.config().scorerName()).int4(c.config().scorerVersion())
                    .text(c.config().configId()).text(c.config().experimentId()).int8(c.completedAt().toEpochMilli())
                    .int8(c.dueAt().toEpochMilli());
        }
        return insertPool.preparedQuery("INSERT INTO scoring.online_claims (trace_id, scorer_name, scorer_version,"
                + " config_id, experiment_id, status, completed_at, due_at)"
                + " SELECT t, s, v, c, e, 'PENDING', to_timestamp(ct / 1000.0), to_timestamp(d / 1000.0)"
                + " FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])"
                + " AS x(t, s, v, c, e, ct, d) ON CONFLICT DO NOTHING")
                .execute(rows.tuple())
                .map(RowSet::rowCount);
    }

    /** Takes up to {@code limit} due claims (PENDING past due, or SCORING whose lease ran out) for {@code owner}. */
    public Uni<List<OnlineClaim>> claimDue(String owner, Duration lease, int limit) {
        return pool.preparedQuery("UPDATE scoring.online_claims c SET status = 'SCORING', lease_owner = $1,"
                + " lease_until = now() + $2 * interval '1 millisecond', attempts = c.attempts + 1,"
                + " claimed_at = coalesce(c.claimed_at, clock_timestamp())"
                + " FROM (SELECT trace_id, scorer_name, scorer_version FROM scoring.online_claims"
                + "       WHERE status IN ('PENDING', 'SCORING') AND due_at <= now()"
                + "         AND (status = 'PENDING' OR lease_until < now())"
                + "       ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED) d"
                + " WHERE c.trace_id = d.trace_id AND c.scorer_name = d.scorer_name"
                + "   AND c.scorer_version = d.scorer_version"
                + " RETURNING c.trace_id, c.scorer_name, c.scorer_version, c.config_id, c.experiment_id,"
                + "   c.completed_at, c.attempts")
                .execute(Tuple.of(owner, lease.toMillis(), limit))
                .map(rows -> {
                    List<OnlineClaim> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new OnlineClaim(r.getString("trace_id"), r.getString("scorer_name"),
                                r.getInteger("scorer_version"), r.getString("config_id"), r.getString("experiment_id"),
                                r.getOffsetDateTime("completed_at").toInstant(), r.getInteger("attempts")));
                    }
                    return out;
                });
    }

    /** Ends a claim this owner holds with a final status; false when another replica took it meanwhile. */
    public Uni<Boolean> finish(OnlineClaim c, String owner, String status, Boolean passed, BigDecimal cost,
            String detail) {
        return pool.preparedQuery("UPDATE scoring.online_claims SET status = $4, passed = $5, cost_usd = $6,"
                + " detail = $7, done_at = now(), done_by = $8, lease_owner = NULL, lease_until = NULL WHERE " + KEY
                + " AND lease_owner = $8")
                .execute(Tuple.from(Arrays.asList(c.traceId(), c.scorerName(), c.scorerVersion(), status, passed, cost,
                        detail, owner)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Ends a scored claim DONE and settles its reservation into the day's spend (as {@link #settle} does) in one
     * statement; false when another replica took the claim meanwhile (the spend is settled all the same).
     */
    public Uni<Boolean> finishScored(OnlineClaim c, String owner, Boolean passed, BigDecimal cost, Instant reservedAt,
            BigDecimal reservation) {
        var day = reservedAt.atOffset(ZoneOffset.UTC).toLocalDate();
        return pool.preparedQuery("WITH spend AS (" + settleSql("$7", "$8", "$9", "$5") + ")"
                + " UPDATE scoring.online_claims SET status = '" + OnlineClaim.DONE + "', passed = $4, cost_usd = $5,"
                + " detail = NULL, done_at = now(), done_by = $6, lease_owner = NULL, lease_until = NULL WHERE " + KEY
                + " AND lease_owner = $6")
                .execute(Tuple.from(Arrays.asList(c.traceId(), c.scorerName(), c.scorerVersion(), passed, cost, owner,
                        c.configId(), day, reservation)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Puts claims this owner holds back to PENDING, each due again after its delay (their traces are not stored yet),
     * in one statement.
     */
    public Uni<Void> retryLater(List<OnlineClaim> claims, String owner, List<Duration> delays) {
        Columns rows = new Columns(claims.size(), TEXT, TEXT, INT4, INT8);
        for (int i = 0; i < claims.size(); i++) {
            OnlineClaim c = claims.get(i);
            rows.row().text(c.traceId()).text(c.scorerName()).int4(c.scorerVersion()).int8(delays.get(i).toMillis());
        }
        return pool.preparedQuery("UPDATE scoring.online_claims c SET status = 'PENDING', lease_owner = NULL,"
                + " lease_until = NULL, due_at = now() + x.d * interval '1 millisecond'"
                + " FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[]) AS x(t, s, v, d)"
                + " WHERE c.trace_id = x.t AND c.scorer_name = x.s AND c.scorer_version = x.v AND c.lease_owner = $5")
                .execute(rows.tuple().addValue(owner))
                .replaceWithVoid();
    }

    /**
     * Extends the leases of the claims {@code owner} is scoring, skipping the rows another statement holds at that
     * moment (a claim being finished or put back: it needs no longer lease, and the next extension, {@code lease / 6}
     * later, takes any other). Waiting for them instead closed deadlock cycles under load: this statement locks many
     * rows in scan order while {@link #finishScored} locks its claim and its day's spend row and {@link #retryLater}
     * a set of claims, each in its own order.
     */
    public Uni<Integer> extendLeases(String owner, Duration lease) {
        return pool.preparedQuery("UPDATE scoring.online_claims c SET lease_until = now() + $2 * interval '1 millisecond'"
                + " FROM (SELECT trace_id, scorer_name, scorer_version FROM scoring.online_claims"
                + "       WHERE status = 'SCORING' AND lease_owner = $1 FOR UPDATE SKIP LOCKED) h"
                + " WHERE c.trace_id = h.trace_id AND c.scorer_name = h.scorer_name"
                + "   AND c.scorer_version = h.scorer_version")
                .execute(Tuple.of(owner, lease.toMillis())).map(RowSet::rowCount);
    }

    /** Frees the claims a previous process under this owner name was scoring (it was stopped or killed). */
    public Uni<Integer> releaseOwner(String owner) {
        return pool.preparedQuery("UPDATE scoring.online_claims SET status = 'PENDING', lease_owner = NULL,"
                + " lease_until = NULL WHERE status = 'SCORING' AND lease_owner = $1").execute(Tuple.of(owner))
                .map(RowSet::rowCount);
    }

    /** Claims not yet finished (PENDING or SCORING): the online backlog. */
    public Uni<Long> backlog() {
        return pool.query("SELECT count(*) AS n FROM scoring.online_claims WHERE status IN ('PENDING', 'SCORING')")
                .execute().map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Reserves the day's spend for one trace; the amount reserved, or null when it would pass the budget. */
    public Uni<BigDecimal> reserve(String configId, Instant now, BigDecimal estimate, BigDecimal budget) {
        var day = now.atOffset(ZoneOffset.UTC).toLocalDate();
        return pool.preparedQuery("INSERT INTO scoring.online_spend (config_id, day) VALUES ($1, $2)"
                + " ON CONFLICT DO NOTHING").execute(Tuple.of(configId, day))
                .chain(() -> pool.preparedQuery("UPDATE scoring.online_spend s SET reserved_usd = s.reserved_usd + e.amount"
                        + " FROM (SELECT GREATEST($3::numeric, CASE WHEN scored > 0 THEN spent_usd / scored ELSE 0 END)"
                        + "       AS amount FROM scoring.online_spend WHERE config_id = $1 AND day = $2) e"
                        + " WHERE s.config_id = $1 AND s.day = $2 AND s.spent_usd + s.reserved_usd + e.amount <= $4"
                        + " RETURNING e.amount").execute(Tuple.of(configId, day, estimate, budget)))
                .chain(rows -> {
                    if (rows.iterator().hasNext()) {
                        return Uni.createFrom().item(rows.iterator().next().getBigDecimal("amount"));
                    }
                    return pool.preparedQuery("UPDATE scoring.online_spend SET skipped_budget = skipped_budget + 1,"
                            + " budget_reached_at = COALESCE(budget_reached_at, now()) WHERE config_id = $1 AND day = $2")
                            .execute(Tuple.of(configId, day)).replaceWith((BigDecimal) null);
                });
    }

    /** A scored trace: its reservation (if any) becomes its actual judge cost on the day it was reserved. */
    public Uni<Void> settle(String configId, Instant reservedAt, BigDecimal reservation, BigDecimal actual) {
        var day = reservedAt.atOffset(ZoneOffset.UTC).toLocalDate();
        return pool.preparedQuery(settleSql("$1", "$2", "$3", "$4")).execute(Tuple.of(configId, day, reservation, actual))
                .replaceWithVoid();
    }
}
