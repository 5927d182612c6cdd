package dev.evalplane.trace.repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.trace.mapping.JsonCodec;
import dev.evalplane.trace.domain.AssessmentRecord;
import dev.evalplane.trace.domain.JudgeMeta;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes assessments. Upserts by assessment_id (a retried judge overwrites its feedback). {@code valid} follows
 * MLflow: false when another assessment overrides this one; an explicit {@code valid} from the writer wins.
 */
@ApplicationScoped
public class AssessmentRepository {

    static final String NOW_MS = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

    private static final String UPSERT = """
            INSERT INTO assessments (assessment_id, trace_id, span_id, name, assessment_type, source_type, source_id,
                    value, rationale, error, metadata, meta_judge_cost, meta_judge_input_tokens,
                    meta_judge_output_tokens, meta_judge_cost_status, create_time_ms, last_update_time_ms,
                    overrides, valid)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10::text::jsonb, $11::text::jsonb,
                    $12::text::numeric, $13, $14, $15, $16, $16, $17,
                    COALESCE($18::boolean, true) AND NOT EXISTS (SELECT 1 FROM assessments o WHERE o.overrides = $1))
            ON CONFLICT (assessment_id) DO UPDATE SET
                trace_id = EXCLUDED.trace_id, span_id = EXCLUDED.span_id, name = EXCLUDED.name,
                assessment_type = EXCLUDED.assessment_type, source_type = EXCLUDED.source_type,
                source_id = EXCLUDED.source_id, value = EXCLUDED.value, rationale = EXCLUDED.rationale,
                error = EXCLUDED.error, metadata = EXCLUDED.metadata, meta_judge_cost = EXCLUDED.meta_judge_cost,
                meta_judge_input_tokens = EXCLUDED.meta_judge_input_tokens,
                meta_judge_output_tokens = EXCLUDED.meta_judge_output_tokens,
                meta_judge_cost_status = EXCLUDED.meta_judge_cost_status, overrides = EXCLUDED.overrides,
                valid = COALESCE($18::boolean, assessments.valid),
                last_update_time_ms = %s
            """.formatted(NOW_MS);

    private static final String INVALIDATE = "UPDATE assessments SET valid = false, last_update_time_ms = " + NOW_MS
            + " WHERE assessment_id = ANY($1::text[]) AND valid";

    private static final String UPDATE = """
            UPDATE assessments SET
                value = CASE WHEN $3 THEN $4::text::jsonb ELSE value END,
                rationale = CASE WHEN $5 THEN $6 ELSE rationale END,
                metadata = (metadata || $7::text::jsonb) - $8::text[],
                valid = COALESCE($9::boolean, valid),
                name = COALESCE($10::text, name),
                last_update_time_ms = %s
            WHERE assessment_id = $1 AND trace_id = $2
            """.formatted(NOW_MS);

    private static final String DELETE = "DELETE FROM assessments WHERE assessment_id = $1 AND trace_id = $2"
            + " RETURNING overrides";

    private static final String RESTORE = "UPDATE assessments a SET valid = true, last_update_time_ms = " + NOW_MS
            + " WHERE a.assessment_id = $1 AND NOT EXISTS (SELECT 1 FROM assessments o WHERE o.overrides = $1)";

    private final JsonCodec json;

    public AssessmentRepository(JsonCodec json) {
        this.json = json;
    }

    public Uni<Void> upsert(SqlConnection conn, List<AssessmentRecord> records) {
        return conn.preparedQuery(UPSERT).executeBatch(records.stream().map(this::row).toList()).replaceWithVoid();
    }

    public Uni<Void> invalidate(SqlConnection conn, Collection<String> assessmentIds) {
        if (assessmentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(INVALIDATE)
                .execute(Tuple.tuple().addArrayOfString(assessmentIds.toArray(String[]::new))).replaceWithVoid();
    }

    /**
     * Partial update; false when the assessment is not on that trace. {@code removeKeys} leave the metadata. The judge
     * cost columns stay as the pipeline wrote them (a patch never carries a pipeline key).
     */
    public Uni<Boolean> update(SqlConnection conn, String traceId, String assessmentId, String name, boolean setValue,
            JsonNode value, boolean setRationale, String rationale, Map<String, String> metadata,
            List<String> removeKeys, Boolean valid) {
        Tuple args = Tuple.tuple().addValue(assessmentId).addValue(traceId).addValue(setValue)
                .addValue(json.write(value)).addValue(setRationale).addValue(rationale)
                .addValue(json.write(metadata)).addArrayOfString(removeKeys.toArray(String[]::new)).addValue(valid)
                .addValue(name);
        return conn.preparedQuery(UPDATE).execute(args).map(rows -> rows.rowCount() > 0);
    }

    /** Deletes; false when it is not on that trace. The assessment it overrode becomes valid again. */
    public Uni<Boolean> delete(SqlConnection conn, String traceId, String assessmentId) {
        return conn.preparedQuery(DELETE).execute(Tuple.of(assessmentId, traceId)).chain((RowSet<Row> rows) -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(false);
            }
            String overridden = rows.iterator().next().getString(0);
            if (overridden == null) {
                return Uni.createFrom().item(true);
            }
            return conn.preparedQuery(RESTORE).execute(Tuple.of(overridden)).replaceWith(true);
        });
    }

    private Tuple row(AssessmentRecord r) {
        JudgeMeta meta = r.judgeMeta();
        return Tuple.tuple()
                .addValue(r.assessmentId()).addValue(r.traceId()).addValue(r.spanId()).addValue(r.name())
                .addValue(r.assessmentType()).addValue(r.sourceType()).addValue(r.sourceId())
                .addValue(json.write(r.value())).addValue(r.rationale()).addValue(json.write(r.error()))
                .addValue(json.write(r.metadata())).addValue(plain(meta)).addValue(meta.inputTokens())
                .addValue(meta.outputTokens()).addValue(meta.status()).addValue(r.createTimeMs())
                .addValue(r.overrides()).addValue(r.valid());
    }

    private static String plain(JudgeMeta meta) {
        return meta.cost() == null ? null : meta.cost().toPlainString();
    }
}
