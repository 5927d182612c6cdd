package dev.evalplane.trace.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The runs evalplane's pipeline owns (table pipeline_runs): a run is registered the first time a record the pipeline
 * produced names it (an assessment from the assessments topic, a span record with scorer-service's mark). A run
 * never registered is a client's (created through the MLflow client API, or any other id). Registering a run
 * demotes the links client doors made into it before (they stop counting: trace_run_links.member), in the same
 * transaction, under the run's exclusive lock (Db).
 */
@ApplicationScoped
public class PipelineRunRepository {

    private static final String UNKNOWN = """
            SELECT DISTINCT r FROM unnest($1::text[]) AS r
            WHERE r <> '' AND NOT EXISTS (SELECT 1 FROM pipeline_runs p WHERE p.run_id = r)
            """;
    private static final String LOCK = "SELECT pg_advisory_xact_lock(" + Db.RUN_LOCK_NAMESPACE + ", k) FROM "
            + "(SELECT DISTINCT hashtext(r) AS k FROM unnest($1::text[]) AS r ORDER BY k) s";
    private static final String INSERT = "INSERT INTO pipeline_runs (run_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING";
    private static final String DEMOTE = """
            UPDATE trace_run_links SET pipeline_run = true WHERE run_id = ANY($1::text[]) AND NOT pipeline_run
            """;
    private static final String IS_PIPELINE = "SELECT 1 FROM pipeline_runs WHERE run_id = $1";

    /** Runs known to be registered (a registration is never undone), so a run's later batches skip the look-up. */
    static final int REMEMBERED = 10_000;

    private final Db db;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public PipelineRunRepository(Db db) {
        this.db = db;
    }

    /**
     * Registers these runs as the pipeline's (those not registered yet), in a transaction of its own. Runs this
     * replica has seen registered cost nothing: during a run every batch of its spans and feedback names it.
     */
    public Uni<Void> register(Collection<String> runIds) {
        List<String> notSeen = runIds.stream().filter(r -> !registered.contains(r)).distinct().toList();
        if (notSeen.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple all = Tuple.tuple().addArrayOfString(RunLinkRepository.array(notSeen));
        return db.pool().preparedQuery(UNKNOWN).execute(all).chain(rows -> {
            List<String> unknown = new ArrayList<>();
            for (Row row : rows) {
                unknown.add(row.getString(0));
            }
            if (unknown.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Tuple ids = Tuple.tuple().addArrayOfString(RunLinkRepository.array(unknown));
            return db.pool().withTransaction(conn -> conn.preparedQuery(LOCK).execute(ids)
                    .chain(() -> conn.preparedQuery(INSERT).execute(ids))
                    .chain(() -> conn.preparedQuery(DEMOTE).execute(ids))).replaceWithVoid();
        }).invoke(() -> remember(notSeen));
    }

    private void remember(List<String> runIds) {
        if (registered.size() + runIds.size() > REMEMBERED) {
            registered.clear();
        }
        runIds.stream().filter(r -> !r.isEmpty()).forEach(registered::add);
    }

    public Uni<Boolean> isPipelineRun(SqlConnection conn, String runId) {
        return conn.preparedQuery(IS_PIPELINE).execute(Tuple.of(runId)).map(rows -> rows.size() > 0);
    }
}
