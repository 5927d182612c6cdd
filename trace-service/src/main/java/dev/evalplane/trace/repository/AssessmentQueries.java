package dev.evalplane.trace.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalplane.events.http.Assessment;
import dev.evalplane.trace.mapping.AssessmentMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads assessments with their judge cost applied (view assessments_effective), oldest first. */
@ApplicationScoped
public class AssessmentQueries {

    private static final String BY_TRACES = "SELECT " + AssessmentMapper.COLUMNS
            + " FROM assessments_effective WHERE trace_id = ANY($1::text[])"
            + " ORDER BY trace_id, create_time_ms, assessment_id";

    /** Seed rule of the evaluation list: this run's assessments and those without a source run. */
    private static final String BY_TRACES_FOR_RUN = "SELECT " + AssessmentMapper.COLUMNS
            + " FROM assessments_effective WHERE trace_id = ANY($1::text[])"
            + " AND (source_run_id IS NULL OR source_run_id = $2)"
            + " ORDER BY trace_id, create_time_ms, assessment_id";

    private static final String BY_ID = "SELECT " + AssessmentMapper.COLUMNS
            + " FROM assessments_effective WHERE assessment_id = $1 AND trace_id = $2";

    private final Pool pool;
    private final AssessmentMapper mapper;

    public AssessmentQueries(Pool pool, AssessmentMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Map<String, List<Assessment>>> byTraces(Collection<String> traceIds) {
        return byTraces(pool, traceIds);
    }

    public Uni<Map<String, List<Assessment>>> byTraces(SqlClient client, Collection<String> traceIds) {
        if (traceIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery(BY_TRACES).execute(Tuple.tuple().addArrayOfString(traceIds.toArray(String[]::new)))
                .map(this::group);
    }

    public Uni<Map<String, List<Assessment>>> byTracesForRun(SqlClient client, Collection<String> traceIds,
            String runId) {
        if (traceIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery(BY_TRACES_FOR_RUN)
                .execute(Tuple.tuple().addArrayOfString(traceIds.toArray(String[]::new)).addValue(runId))
                .map(this::group);
    }

    /** One assessment of a trace, or null. */
    public Uni<Assessment> byId(SqlClient client, String traceId, String assessmentId) {
        return client.preparedQuery(BY_ID).execute(Tuple.of(assessmentId, traceId))
                .map(rows -> rows.size() == 0 ? null : mapper.map(rows.iterator().next()));
    }

    private Map<String, List<Assessment>> group(RowSet<Row> rows) {
        Map<String, List<Assessment>> byTrace = new LinkedHashMap<>();
        for (Row row : rows) {
            Assessment a = mapper.map(row);
            byTrace.computeIfAbsent(a.traceId(), id -> new ArrayList<>()).add(a);
        }
        return byTrace;
    }
}
