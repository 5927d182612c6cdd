package dev.evalplane.judge.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.http.ScorerSpec;

import dev.evalplane.judge.domain.RegisteredScorer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code scoring.scorers}: versions of registered scorers. A registration takes the next version number in one
 * statement; two registrations racing for the same number collide on the primary key and the loser retries.
 */
@ApplicationScoped
public class ScorerRepository {

    private static final String COLUMNS = "experiment_id, name, version, description, scorer::text AS scorer, created_at,"
            + " scorer_id, mlflow_scorer";
    private static final int RETRIES = 5;
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper json;

    public ScorerRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * Stores the next version of {@code name}: 1 for a new name, else the highest so far + 1. {@code scorer} must have
     * its header values masked; {@code secretHeaders} (null for none) are kept apart and never read back with it. The
     * name keeps its scorer id across versions; a new name (or one whose versions were all deleted) gets a new one.
     * {@code mlflowScorer} is the MLflow client's serialized scorer, or null.
     */
    public Uni<RegisteredScorer> register(String experimentId, String name, String description, ScorerSpec scorer,
            Map<String, String> secretHeaders, String mlflowScorer) {
        return insert(experimentId, name, description, scorer, secretHeaders, mlflowScorer)
                .onFailure(ScorerRepository::versionTaken).retry().atMost(RETRIES);
    }

    private Uni<RegisteredScorer> insert(String experimentId, String name, String description, ScorerSpec scorer,
            Map<String, String> secretHeaders, String mlflowScorer) {
        return pool.preparedQuery("INSERT INTO scoring.scorers (experiment_id, name, version, description, scorer,"
                + " created_at, secret_headers, scorer_id, mlflow_scorer) SELECT $1, $2, COALESCE(MAX(version), 0) + 1,"
                + " $3, $4::text::jsonb, $5, $6::text::jsonb, COALESCE(MIN(scorer_id), gen_random_uuid()::text), $7"
                + " FROM scoring.scorers WHERE experiment_id = $1 AND name = $2 RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] { experimentId, name, description, text(scorer),
                        Instant.now().atOffset(ZoneOffset.UTC), secretHeaders == null ? null : text(secretHeaders),
                        mlflowScorer }))
                .map(rows -> toScorer(rows.iterator().next()));
    }

    /** The header values of one version of a remote scorer (to run it; never returned); null when it has none. */
    public Uni<Map<String, String>> secretHeaders(String experimentId, String name, int version) {
        return pool.preparedQuery("SELECT secret_headers::text AS h FROM scoring.scorers WHERE experiment_id = $1"
                + " AND name = $2 AND version = $3").execute(Tuple.of(experimentId, name, version))
                .map(rows -> {
                    String h = rows.iterator().hasNext() ? rows.iterator().next().getString("h") : null;
                    try {
                        return h == null ? null : json.readValue(h, HEADERS);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable secret_headers in scoring.scorers", e);
                    }
                });
    }

    private static boolean versionTaken(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    /** The latest version of every name in the experiment, by name. */
    public Uni<List<RegisteredScorer>> latest(String experimentId) {
        return pool.preparedQuery("SELECT DISTINCT ON (name) " + COLUMNS + " FROM scoring.scorers"
                + " WHERE experiment_id = $1 ORDER BY name, version DESC").execute(Tuple.of(experimentId))
                .map(this::toList);
    }

    /** One version, or the latest when {@code version} is null; null when there is none. */
    public Uni<RegisteredScorer> find(String experimentId, String name, Integer version) {
        String where = version == null ? "" : " AND version = $3";
        Tuple args = version == null ? Tuple.of(experimentId, name) : Tuple.of(experimentId, name, version);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM scoring.scorers WHERE experiment_id = $1 AND name = $2"
                + where + " ORDER BY version DESC LIMIT 1").execute(args)
                .map(rows -> rows.iterator().hasNext() ? toScorer(rows.iterator().next()) : null);
    }

    /** Every version of {@code name}, oldest first. */
    public Uni<List<RegisteredScorer>> versions(String experimentId, String name) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM scoring.scorers WHERE experiment_id = $1 AND name = $2"
                + " ORDER BY version").execute(Tuple.of(experimentId, name)).map(this::toList);
    }

    /** Deletes one version, or every version when {@code version} is null; how many were deleted. */
    public Uni<Integer> delete(String experimentId, String name, Integer version) {
        String where = version == null ? "" : " AND version = $3";
        Tuple args = version == null ? Tuple.of(experimentId, name) : Tuple.of(experimentId, name, version);
        return pool.preparedQuery("DELETE FROM scoring.scorers WHERE experiment_id = $1 AND name = $2" + where)
                .execute(args).map(RowSet::rowCount);
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scorer spec could not be written as JSON", e);
        }
    }

    private List<RegisteredScorer> toList(RowSet<Row> rows) {
        List<RegisteredScorer> out = new ArrayList<>();
        rows.forEach(r -> out.add(toScorer(r)));
        return out;
    }

    private RegisteredScorer toScorer(Row r) {
        try {
            return new RegisteredScorer(r.getString("experiment_id"), r.getString("name"), r.getInteger("version"),
                    r.getString("description"), json.readValue(r.getString("scorer"), ScorerSpec.class),
                    r.getOffsetDateTime("created_at").toInstant(), r.getString("scorer_id"),
                    r.getString("mlflow_scorer"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable scorer JSON in scoring.scorers", e);
        }
    }
}
