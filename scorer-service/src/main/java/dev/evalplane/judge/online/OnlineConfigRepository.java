package dev.evalplane.judge.online;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.evalplane.events.OnlineConfigIds;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code scoring.online_configs}: one row per scorer name started (or once started) on an experiment. */
@ApplicationScoped
public class OnlineConfigRepository {

    private static final String COLUMNS = "experiment_id, scorer_name, config_id, scorer_version, sample_rate,"
            + " filter_string, daily_budget_usd, status, started_at, updated_at";
    /** The columns and the registry's scorer_id of the name (any version: they share it). */
    private static final String RETURNED = COLUMNS + ", (SELECT min(s.scorer_id) FROM scoring.scorers s"
            + " WHERE s.experiment_id = online_configs.experiment_id AND s.name = online_configs.scorer_name) AS scorer_id";

    private final Pool pool;

    public OnlineConfigRepository(Pool pool) {
        this.pool = pool;
    }

    /** Starts (or restarts) the config with these settings; {@code started_at} is now. */
    public Uni<OnlineConfig> start(String experimentId, String scorerName, int version, double sampleRate,
            String filter, BigDecimal budget) {
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        return pool.preparedQuery("INSERT INTO scoring.online_configs (" + COLUMNS + ")"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, 'STARTED', $8, $8)"
                + " ON CONFLICT (experiment_id, scorer_name) DO UPDATE SET scorer_version = EXCLUDED.scorer_version,"
                + " sample_rate = EXCLUDED.sample_rate, filter_string = EXCLUDED.filter_string,"
                + " daily_budget_usd = EXCLUDED.daily_budget_usd, status = 'STARTED', started_at = EXCLUDED.started_at,"
                + " updated_at = EXCLUDED.updated_at RETURNING " + RETURNED)
                .execute(Tuple.from(Arrays.asList(experimentId, scorerName, OnlineConfigIds.of(experimentId, scorerName),
                        version, sampleRate, filter, budget, now)))
                .map(rows -> toConfig(rows.iterator().next()));
    }

    /** Replaces the settings of a STARTED config; null when it is not started. */
    public Uni<OnlineConfig> update(String experimentId, String scorerName, int version, double sampleRate,
            String filter, BigDecimal budget) {
        return pool.preparedQuery("UPDATE scoring.online_configs SET scorer_version = $3, sample_rate = $4,"
                + " filter_string = $5, daily_budget_usd = $6, updated_at = $7"
                + " WHERE experiment_id = $1 AND scorer_name = $2 AND status = 'STARTED' RETURNING " + RETURNED)
                .execute(Tuple.from(Arrays.asList(experimentId, scorerName, version, sampleRate, filter,
                        budget, Instant.now().atOffset(ZoneOffset.UTC))))
                .map(OnlineConfigRepository::firstOrNull);
    }

    /** Stops a STARTED config; null when it is not started. */
    public Uni<OnlineConfig> stop(String experimentId, String scorerName) {
        return pool.preparedQuery("UPDATE scoring.online_configs SET status = 'STOPPED', updated_at = $3"
                + " WHERE experiment_id = $1 AND scorer_name = $2 AND status = 'STARTED' RETURNING " + RETURNED)
                .execute(Tuple.of(experimentId, scorerName, Instant.now().atOffset(ZoneOffset.UTC)))
                .map(OnlineConfigRepository::firstOrNull);
    }

    public Uni<OnlineConfig> find(String experimentId, String scorerName) {
        return pool.preparedQuery("SELECT " + RETURNED + " FROM scoring.online_configs"
                + " WHERE experiment_id = $1 AND scorer_name = $2").execute(Tuple.of(experimentId, scorerName))
                .map(OnlineConfigRepository::firstOrNull);
    }

    /** The configs with these ids, started and stopped (ids not found are absent). */
    public Uni<List<OnlineConfig>> byConfigIds(List<String> configIds) {
        return pool.preparedQuery("SELECT " + RETURNED + " FROM scoring.online_configs WHERE config_id = ANY($1)")
                .execute(Tuple.of(configIds.toArray(String[]::new))).map(OnlineConfigRepository::toList);
    }

    /** The experiment's configs, started and stopped, by scorer name. */
    public Uni<List<OnlineConfig>> list(String experimentId) {
        return pool.preparedQuery("SELECT " + RETURNED + " FROM scoring.online_configs WHERE experiment_id = $1"
                + " ORDER BY scorer_name").execute(Tuple.of(experimentId)).map(OnlineConfigRepository::toList);
    }

    /** Every STARTED config of every experiment (what the online consumer selects traces for). */
    public Uni<List<OnlineConfig>> started() {
        return pool.query("SELECT " + RETURNED + " FROM scoring.online_configs WHERE status = 'STARTED'").execute()
                .map(OnlineConfigRepository::toList);
    }

    /** The configs, started and stopped, of the scorers with these registry ids (MLflow's scorer_id). */
    public Uni<List<OnlineConfig>> byScorerIds(List<String> scorerIds) {
        return pool.preparedQuery("SELECT " + RETURNED + " FROM scoring.online_configs WHERE (experiment_id, scorer_name)"
                + " IN (SELECT experiment_id, name FROM scoring.scorers WHERE scorer_id = ANY($1))"
                + " ORDER BY experiment_id, scorer_name")
                .execute(Tuple.of(scorerIds.toArray(String[]::new))).map(OnlineConfigRepository::toList);
    }

    private static OnlineConfig firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? toConfig(rows.iterator().next()) : null;
    }

    private static List<OnlineConfig> toList(RowSet<Row> rows) {
        List<OnlineConfig> out = new ArrayList<>();
        rows.forEach(r -> out.add(toConfig(r)));
        return out;
    }

    private static OnlineConfig toConfig(Row r) {
        return new OnlineConfig(r.getString("experiment_id"), r.getString("scorer_name"), r.getString("config_id"),
                r.getInteger("scorer_version"), r.getDouble("sample_rate"), r.getString("filter_string"),
                r.getBigDecimal("daily_budget_usd"), r.getString("status"),
                r.getOffsetDateTime("started_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant(),
                r.getString("scorer_id"));
    }
}
