package dev.evalplane.judge.online;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** What the monitoring view reads: verdicts per hour or day, spend per day, the backlog of each config. */
@ApplicationScoped
public class OnlineStatsRepository {

    private final Pool pool;

    public OnlineStatsRepository(Pool pool) {
        this.pool = pool;
    }

    public record Bucket(String configId, Instant start, long scored, long passed, long failed) {
    }

    public record DaySpend(String configId, LocalDate day, BigDecimal spentUsd, BigDecimal reservedUsd, long scored,
            long skippedBudget, Instant budgetReachedAt) {
    }

    public record Backlog(String configId, long pending, Instant oldestCompletedAt) {
    }

    /** Finished claims of the experiment per {@code hour} or {@code day}, over the last {@code buckets} of them. */
    public Uni<List<Bucket>> verdicts(String experimentId, String unit, int buckets) {
        return pool.preparedQuery("SELECT config_id, date_trunc($2, done_at AT TIME ZONE 'UTC') AS bucket,"
                + " count(*) FILTER (WHERE status = 'DONE') AS scored, count(*) FILTER (WHERE passed) AS passed,"
                + " count(*) FILTER (WHERE passed = false) AS failed FROM scoring.online_claims"
                + " WHERE experiment_id = $1 AND done_at IS NOT NULL"
                + "   AND done_at >= now() - $3 * ('1 ' || $2)::interval"
                + " GROUP BY 1, 2 ORDER BY 2").execute(Tuple.of(experimentId, unit, buckets))
                .map(rows -> {
                    List<Bucket> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Bucket(r.getString("config_id"),
                                r.getLocalDateTime("bucket").toInstant(ZoneOffset.UTC), r.getLong("scored"),
                                r.getLong("passed"), r.getLong("failed")));
                    }
                    return out;
                });
    }

    /** Spend per UTC day of these configs since {@code from}. */
    public Uni<List<DaySpend>> spend(List<String> configIds, LocalDate from) {
        return pool.preparedQuery("SELECT config_id, day, spent_usd, reserved_usd, scored, skipped_budget,"
                + " budget_reached_at FROM scoring.online_spend WHERE config_id = ANY($1) AND day >= $2 ORDER BY day")
                .execute(Tuple.of(configIds.toArray(String[]::new), from))
                .map(rows -> {
                    List<DaySpend> out = new ArrayList<>();
                    for (Row r : rows) {
                        var reached = r.getOffsetDateTime("budget_reached_at");
                        out.add(new DaySpend(r.getString("config_id"), r.getLocalDate("day"),
                                r.getBigDecimal("spent_usd"), r.getBigDecimal("reserved_usd"), r.getInteger("scored"),
                                r.getInteger("skipped_budget"), reached == null ? null : reached.toInstant()));
                    }
                    return out;
                });
    }

    /** Claims not finished per config of the experiment, with the completion time of the oldest. */
    public Uni<List<Backlog>> backlog(String experimentId) {
        return pool.preparedQuery("SELECT config_id, count(*) AS pending, min(completed_at) AS oldest"
                + " FROM scoring.online_claims WHERE experiment_id = $1 AND status IN ('PENDING', 'SCORING')"
                + " GROUP BY config_id").execute(Tuple.of(experimentId))
                .map(rows -> {
                    List<Backlog> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Backlog(r.getString("config_id"), r.getLong("pending"),
                                r.getOffsetDateTime("oldest").toInstant()));
                    }
                    return out;
                });
    }
}
