package dev.evalplane.bench;

import java.math.BigDecimal;
import java.util.List;

/**
 * Seeds trace-service's schema (V1__traces.sql) in bulk with generate_series, as its consumers would have written
 * it: per evaluated trace one {@code traces} row (metadata mlflow.sourceRun), five judge traces (tag
 * mlflow.trace.sourceScorer), five FEEDBACK assessments pointing at their judge traces, the judge traces' stored
 * costs, and the run links (evaluated traces listed, judge traces not). Secondary indexes are dropped while loading
 * and created again afterwards from their own definitions, which is what a bulk load does.
 */
final class EvaluationSeed {

    static final int JUDGES = 5;
    /** What each judge trace's stored cost says. */
    static final BigDecimal JUDGE_COST = new BigDecimal("0.000096");
    /** trace-service's run summary fold lock (V6__run_summary_totals.sql). */
    private static final long SUMMARY_FOLD_LOCK = 1_702_297_606L;
    private static final long T0 = 1_767_225_600_000L;

    private final Sql sql;
    private List<String> indexes;

    EvaluationSeed(Sql sql) {
        this.sql = sql;
    }

    /** Indexes of trace-service's tables that no constraint needs (primary keys stay). */
    private static final String SECONDARY = " FROM pg_indexes i WHERE i.schemaname = 'traces'"
            + " AND i.tablename <> 'flyway_schema_history'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)";

    /**
     * Keeps trace-service's summary folder out while the bulk load runs without its indexes (this session holds the
     * fold's lock); the marks the load leaves are folded once the indexes are back.
     */
    void holdSummaryFolds() {
        sql.number("SELECT count(*) FROM (SELECT pg_advisory_lock(" + SUMMARY_FOLD_LOCK + ")) l");
    }

    void releaseSummaryFolds() {
        sql.number("SELECT count(*) FROM (SELECT pg_advisory_unlock(" + SUMMARY_FOLD_LOCK + ")) l");
    }

    /** Waits until trace-service's summary folder has folded every mark. */
    void awaitSummaryFolds() {
        while (sql.number("SELECT count(*) FROM (SELECT 1 FROM traces.run_summary_marks LIMIT 1) m") > 0) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    void dropIndexes() {
        indexes = sql.strings("SELECT indexdef" + SECONDARY);
        for (String name : sql.strings("SELECT indexname" + SECONDARY)) {
            sql.execute("DROP INDEX traces." + name);
        }
    }

    void createIndexesAndAnalyze() {
        sql.execute("SET maintenance_work_mem = '512MB'");
        indexes.forEach(sql::execute);
        sql.execute("VACUUM ANALYZE traces.traces, traces.assessments, traces.trace_costs, traces.trace_run_links,"
                + " traces.run_summary_marks");
    }

    /** One run of {@code size} evaluated traces, each with {@link #JUDGES} judge traces and feedback. */
    void run(String runId, int size) {
        String ids = """
                SELECT i, 'tr-' || md5('%1$s/e/' || i) AS trace_id, %2$d + i AS t FROM generate_series(1, %3$d) i
                """.formatted(runId, T0, size);
        String judges = """
                SELECT e.i, e.trace_id, e.t, j, 'tr-' || md5('%1$s/j/' || e.i || '/' || j) AS judge_id,
                       'a-' || md5('%1$s/a/' || e.i || '/' || j) AS assessment_id, 'judge_' || j AS scorer
                FROM (%2$s) e, generate_series(1, %3$d) j
                """.formatted(runId, ids, JUDGES);
        sql.execute("""
                INSERT INTO traces.traces (trace_id, experiment_id, request_time_ms, execution_duration_ms, state,
                    request_preview, response_preview, root_span_id, root_tags, root_metadata, first_span_start_ms)
                SELECT trace_id, 'bench', t, 1200, 'OK', '{"question": "question ' || i || ' of %1$s"}',
                    'answer ' || i, substr(md5(trace_id), 1, 16), jsonb_build_object('mlflow.traceName', 'agent'),
                    jsonb_build_object('mlflow.sourceRun', '%1$s'), t
                FROM (%2$s) e
                """.formatted(runId, ids));
        sql.execute("""
                INSERT INTO traces.traces (trace_id, experiment_id, request_time_ms, execution_duration_ms, state,
                    root_span_id, root_tags, root_metadata, first_span_start_ms)
                SELECT judge_id, 'bench', t + 100, 300, 'OK', substr(md5(judge_id), 1, 16),
                    jsonb_build_object('mlflow.traceName', scorer, 'mlflow.trace.sourceScorer', scorer),
                    jsonb_build_object('mlflow.sourceRun', '%1$s'), t + 100
                FROM (%2$s) j
                """.formatted(runId, judges));
        sql.execute("""
                INSERT INTO traces.assessments (assessment_id, trace_id, name, assessment_type, source_type, source_id,
                    value, rationale, metadata, meta_judge_input_tokens, meta_judge_output_tokens,
                    meta_judge_cost_status, create_time_ms, last_update_time_ms)
                SELECT assessment_id, trace_id, scorer, 'FEEDBACK', 'LLM_JUDGE', 'openai:/gpt-4.1-mini', '"yes"',
                    'The response satisfies the criteria.',
                    jsonb_build_object('mlflow.assessment.sourceRunId', '%1$s', 'mlflow.assessment.scorerTraceId',
                        judge_id, 'mlflow.assessment.judgeInputTokens', '120',
                        'mlflow.assessment.judgeOutputTokens', '30'),
                    120, 30, 'UNPRICED', t + 200, t + 200
                FROM (%2$s) j
                """.formatted(runId, judges));
        sql.execute("""
                INSERT INTO traces.trace_costs (trace_id, version, input_tokens, output_tokens, total_tokens,
                    input_cost, output_cost, total_cost, cost_status, metadata_patch, judge_patch, span_costs, event)
                SELECT judge_id, 1, 120, 30, 150, 0.000048, 0.000048, %2$s, 'PRICED',
                    '{"evalplane.trace.costStatus": "PRICED"}',
                    '{"mlflow.assessment.judgeCost": "0.000096", "mlflow.assessment.judgeInputTokens": "120",
                      "mlflow.assessment.judgeOutputTokens": "30", "evalplane.assessment.judgeCostStatus": "PRICED"}',
                    '{}', '{}'
                FROM (%1$s) j
                """.formatted(judges, JUDGE_COST.toPlainString()));
        sql.execute("""
                INSERT INTO traces.trace_run_links (run_id, trace_id, request_time_ms, is_judge, qualifies,
                    from_metadata, from_assessment)
                SELECT '%1$s', trace_id, t, false, true, true, true FROM (%2$s) e
                UNION ALL
                SELECT '%1$s', judge_id, t + 100, true, false, true, false FROM (%3$s) j
                """.formatted(runId, ids, judges));
    }
}
