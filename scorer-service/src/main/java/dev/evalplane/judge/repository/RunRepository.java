package dev.evalplane.judge.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.judge.domain.EvaluationRequest;
import dev.evalplane.judge.domain.EvaluationRun;
import dev.evalplane.judge.domain.ClientRunCreate;
import dev.evalplane.judge.domain.ClientRunUpdate;
import dev.evalplane.judge.domain.RunOutcome;
import dev.evalplane.judge.domain.RunProgress;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code scoring.runs} through the reactive PostgreSQL client. JSON goes in as {@code $n::text::jsonb}: a Java String
 * bound to a jsonb parameter would be stored as a JSON string.
 */
@ApplicationScoped
public class RunRepository {

    private static final String COLUMNS = "run_id, experiment_id, name, status, source_kind, model, max_concurrency,"
            + " budget_usd, rows_total, rows_done, judge_calls, judge_calls_failed, judgements_skipped, llm_requests,"
            + " input_tokens, output_tokens, metrics::text AS metrics, error, created_at, finished_at, origin,"
            + " params::text AS params, tags::text AS tags, user_id";

    /** The owner of client runs: no scorer-service instance executes them (not a host name: it has a space). */
    static final String CLIENT_OWNER = "mlflow client";

    private final Pool pool;
    private final ObjectMapper json;

    public RunRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** A new RUNNING run, executed by the instance {@code owner}. */
    public Uni<EvaluationRun> insert(String runId, EvaluationRequest request, Integer rowsTotal, Instant createdAt,
            String owner) {
        return pool.preparedQuery("INSERT INTO scoring.runs (run_id, experiment_id, name, status, source_kind, model,"
                + " max_concurrency, budget_usd, scorers, rows_total, created_at, owner, heartbeat_at)"
                + " VALUES ($1, $2, $3, 'RUNNING', $4, $5, $6, $7, $8::text::jsonb, $9, $10, $11, now())"
                + " ON CONFLICT (run_id) DO NOTHING")
                .execute(Tuple.from(new Object[] { runId, request.experimentId(), request.name(), request.source().kind(),
                        request.model().toString(), request.maxConcurrency(), request.budgetUsd(),
                        request.scorerSpecs().toString(), rowsTotal, utc(createdAt), owner }))
                .chain(() -> find(runId));
    }

    /** A RUNNING run the MLflow client created (runs/create); it is never executed here. */
    public Uni<EvaluationRun> insertClient(String runId, ClientRunCreate create, Instant startedAt) {
        return pool.preparedQuery("INSERT INTO scoring.runs (run_id, experiment_id, name, status, source_kind, scorers,"
                + " created_at, owner, origin, tags, user_id) VALUES ($1, $2, $3, 'RUNNING', 'mlflow_client',"
                + " '[]'::jsonb, $4, $5, 'MLFLOW_CLIENT', $6::text::jsonb, $7)")
                .execute(Tuple.from(new Object[] { runId, create.experimentId(), create.name(), utc(startedAt),
                        CLIENT_OWNER, toJson(create.tags()), create.userId() }))
                .chain(() -> find(runId));
    }

    /**
     * Applies what the MLflow client logged to its own run: status, end time, name, metrics (latest value per key),
     * params, tags set and deleted. Null when there is no such client run.
     */
    public Uni<EvaluationRun> updateClient(String runId, String status, Instant finishedAt, ClientRunUpdate update) {
        return pool.preparedQuery("UPDATE scoring.runs SET status = COALESCE($2, status),"
                + " finished_at = COALESCE($3, finished_at), name = COALESCE($4, name),"
                + " metrics = metrics || $5::text::jsonb, params = params || $6::text::jsonb,"
                + " tags = (tags || $7::text::jsonb) - $8::text[]"
                + " WHERE run_id = $1 AND origin = 'MLFLOW_CLIENT'")
                .execute(Tuple.tuple().addValue(runId).addValue(status)
                        .addValue(finishedAt == null ? null : utc(finishedAt)).addValue(update.name())
                        .addValue(toJson(update.metrics())).addValue(toJson(update.params()))
                        .addValue(toJson(update.tags())).addArrayOfString(update.deletedTags().toArray(String[]::new)))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().nullItem() : find(runId));
    }

    /** The counters of a run's progress; they only grow. */
    private static final String COUNTERS = "rows_total = COALESCE($2, rows_total),"
            + " rows_done = GREATEST(rows_done, $3), judge_calls = GREATEST(judge_calls, $4),"
            + " judge_calls_failed = GREATEST(judge_calls_failed, $5),"
            + " judgements_skipped = GREATEST(judgements_skipped, $6), llm_requests = GREATEST(llm_requests, $7),"
            + " input_tokens = GREATEST(input_tokens, $8), output_tokens = GREATEST(output_tokens, $9)";

    /** Progress of a running run; counters only grow. */
    public Uni<Void> progress(String runId, RunProgress p) {
        return pool.preparedQuery("UPDATE scoring.runs SET " + COUNTERS + " WHERE run_id = $1 AND status = 'RUNNING'")
                .execute(Tuple.from(counters(runId, p, 0))).replaceWithVoid();
    }

    public Uni<Void> rowsTotal(String runId, int total) {
        return pool.preparedQuery("UPDATE scoring.runs SET rows_total = $2 WHERE run_id = $1")
                .execute(Tuple.of(runId, total)).replaceWithVoid();
    }

    /** Final status, counters and metrics, in one statement; only a RUNNING run can finish. */
    public Uni<Void> finish(String runId, RunOutcome outcome, RunProgress p, Map<String, Double> metrics) {
        Object[] values = counters(runId, p, 4);
        values[9] = outcome.status();
        values[10] = outcome.error();
        values[11] = toJson(metrics);
        values[12] = utc(Instant.now());
        return pool.preparedQuery("UPDATE scoring.runs SET " + COUNTERS + ", status = $10, error = $11,"
                + " metrics = $12::text::jsonb, finished_at = $13 WHERE run_id = $1 AND status = 'RUNNING'")
                .execute(Tuple.from(values)).replaceWithVoid();
    }

    /** The run id and {@link #COUNTERS}' values ($1-$9), with room for {@code more} values after them. */
    private static Object[] counters(String runId, RunProgress p, int more) {
        Object[] values = new Object[9 + more];
        values[0] = runId;
        values[1] = p.rowsTotal() > 0 ? p.rowsTotal() : null;
        values[2] = p.rowsDone();
        values[3] = p.judgeCalls();
        values[4] = p.judgeCallsFailed();
        values[5] = p.skippedBudget() + p.skippedMissingInput();
        values[6] = p.llmRequests();
        values[7] = p.inputTokens();
        values[8] = p.outputTokens();
        return values;
    }

    /**
     * Marks the runs this instance left RUNNING when it stopped as FAILED: a run executes inside the process that
     * accepted it, so after a restart nobody is executing them.
     */
    public Uni<Integer> failOrphans(String owner, String reason) {
        return pool.preparedQuery("UPDATE scoring.runs SET status = 'FAILED', error = $2, finished_at = now()"
                + " WHERE status = 'RUNNING' AND owner = $1 AND origin = 'EVALPLANE'").execute(Tuple.of(owner, reason)).map(RowSet::rowCount);
    }

    /**
     * Stamps the RUNNING runs of {@code owner} as alive; answers them, each with whether another instance was asked
     * to cancel it.
     */
    public Uni<Map<String, Boolean>> heartbeat(String owner) {
        return pool.preparedQuery("UPDATE scoring.runs SET heartbeat_at = now() WHERE status = 'RUNNING' AND owner = $1"
                + " AND origin = 'EVALPLANE'"
                + " RETURNING run_id, cancel_requested").execute(Tuple.of(owner))
                .map(rows -> {
                    Map<String, Boolean> runs = new HashMap<>();
                    rows.forEach(row -> runs.put(row.getString("run_id"), row.getBoolean("cancel_requested")));
                    return runs;
                });
    }

    /** Asks the owner of a RUNNING run to cancel it; false when the run is not RUNNING. */
    public Uni<Boolean> requestCancel(String runId) {
        return pool.preparedQuery("UPDATE scoring.runs SET cancel_requested = true WHERE run_id = $1"
                + " AND status = 'RUNNING' AND origin = 'EVALPLANE'").execute(Tuple.of(runId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Fails RUNNING runs whose owner has not stamped them for {@code silence}; answers their ids. */
    public Uni<List<String>> failSilent(Duration silence, String reason) {
        return pool.preparedQuery("UPDATE scoring.runs SET status = 'FAILED', error = $2, finished_at = now()"
                + " WHERE status = 'RUNNING' AND origin = 'EVALPLANE' AND heartbeat_at < now() - make_interval(secs => $1)"
                + " RETURNING run_id").execute(Tuple.of(silence.toMillis() / 1000.0, reason))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("run_id")));
                    return ids;
                });
    }

    public Uni<EvaluationRun> find(String runId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM scoring.runs WHERE run_id = $1").execute(Tuple.of(runId))
                .map(rows -> rows.iterator().hasNext() ? toRun(rows.iterator().next()) : null);
    }

    public Uni<List<EvaluationRun>> list(String experimentId, int limit) {
        String where = experimentId == null ? "" : " WHERE experiment_id = $2";
        Tuple args = experimentId == null ? Tuple.of(limit) : Tuple.of(limit, experimentId);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM scoring.runs" + where
                + " ORDER BY created_at DESC, run_id LIMIT $1").execute(args)
                .map(rows -> {
                    List<EvaluationRun> runs = new java.util.ArrayList<>();
                    rows.forEach(r -> runs.add(toRun(r)));
                    return runs;
                });
    }

    private EvaluationRun toRun(Row r) {
        return new EvaluationRun(r.getString("run_id"), r.getString("experiment_id"), r.getString("name"),
                r.getString("status"), r.getString("source_kind"), r.getString("model"), r.getInteger("max_concurrency"),
                r.getBigDecimal("budget_usd"), r.getInteger("rows_total"), r.getInteger("rows_done"),
                r.getInteger("judge_calls"), r.getInteger("judge_calls_failed"), r.getInteger("judgements_skipped"),
                r.getInteger("llm_requests"), r.getLong("input_tokens"), r.getLong("output_tokens"),
                fromJson(r.getString("metrics")), r.getString("error"), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("finished_at")), r.getString("origin"), fromJson(r.getString("params")),
                fromJson(r.getString("tags")), r.getString("user_id"));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode fromJson(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
