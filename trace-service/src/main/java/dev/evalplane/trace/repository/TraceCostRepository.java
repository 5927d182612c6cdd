package dev.evalplane.trace.repository;

import static dev.evalplane.support.sql.Columns.Type.INT8;
import static dev.evalplane.support.sql.Columns.Type.TEXT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.support.sql.AlreadyStored;
import dev.evalplane.support.sql.Columns;
import dev.evalplane.trace.mapping.JsonCodec;
import dev.evalplane.trace.domain.TraceCostRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** The latest cost per trace: a version at or below the stored one changes nothing. */
@ApplicationScoped
public class TraceCostRepository {

    /**
     * The rows travel as one array per column, unnested side by side (a ProjectSet, as SpanRepository; here in a
     * subquery, since the unpriced models' expression cannot hold a set-returning function): about 4 µs of PostgreSQL's
     * CPU per row less than {@code FROM unnest(...)}. The unpriced models travel as one JSON array text per row (unnest
     * cannot take an array of arrays). The event itself is not stored (V7: only its unpriced models were ever read),
     * nor the judge patch (V11: the view assessments_effective builds it from the row's columns).
     */
    private static final String INSERT = """
            INSERT INTO trace_costs AS c (trace_id, version, input_tokens, output_tokens, total_tokens, input_cost,
                    output_cost, total_cost, cost_status, metadata_patch, span_costs, unpriced_models)
            SELECT id, v, it, ot, tt, ic::numeric, oc::numeric, tc::numeric, cs, mp::jsonb, sc::jsonb,
                   CASE WHEN um = '[]' THEN '{}'::text[] ELSE ARRAY(SELECT jsonb_array_elements_text(um::jsonb)) END
            FROM (SELECT unnest($1::text[]) AS id, unnest($2::int8[]) AS v, unnest($3::int8[]) AS it,
                         unnest($4::int8[]) AS ot, unnest($5::int8[]) AS tt, unnest($6::text[]) AS ic,
                         unnest($7::text[]) AS oc, unnest($8::text[]) AS tc, unnest($9::text[]) AS cs,
                         unnest($10::text[]) AS mp, unnest($11::text[]) AS sc, unnest($12::text[]) AS um) u
            """;
    private static final String UPSERT = INSERT + """
            ON CONFLICT (trace_id) DO UPDATE SET
                version = EXCLUDED.version, input_tokens = EXCLUDED.input_tokens,
                output_tokens = EXCLUDED.output_tokens, total_tokens = EXCLUDED.total_tokens,
                input_cost = EXCLUDED.input_cost, output_cost = EXCLUDED.output_cost,
                total_cost = EXCLUDED.total_cost, cost_status = EXCLUDED.cost_status,
                metadata_patch = EXCLUDED.metadata_patch, judge_patch = NULL, span_costs = EXCLUDED.span_costs,
                unpriced_models = EXCLUDED.unpriced_models, event = NULL, updated_at = now()
            WHERE c.version < EXCLUDED.version
            """;
    private static final String PRIMARY_KEY = "trace_costs_pkey";
    /** cost-service numbers a trace's cost versions from 1 (its placeholder is version 0). */
    private static final long FIRST_VERSION = 1;

    private final Pool pool;
    private final JsonCodec json;

    public TraceCostRepository(Pool pool, JsonCodec json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * At most two statements (each fires the table's statement triggers once): the traces' first versions inserted,
     * the later ones upserted. A first version has no row to meet but after a redelivery or a writer of the same
     * trace at once (a rebalance, a previous-version replica): then its insert fails on the key and those records
     * are written again as upserts, which keep the stored row unless the record is newer. A plain insert costs
     * PostgreSQL ~8 µs a row less than the upsert's speculative insertion (bench/RESULTS.md, session 22).
     */
    public Uni<Void> upsertNewer(Collection<TraceCostRecord> records) {
        List<TraceCostRecord> firsts = new ArrayList<>(records.size());
        List<TraceCostRecord> later = new ArrayList<>();
        for (TraceCostRecord r : records) {
            (r.event().version() == FIRST_VERSION ? firsts : later).add(r);
        }
        return write(INSERT, firsts)
                .onFailure(e -> AlreadyStored.violates(e, PRIMARY_KEY)).recoverWithUni(() -> write(UPSERT, firsts))
                .chain(() -> write(UPSERT, later));
    }

    private Uni<Void> write(String statement, List<TraceCostRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Columns rows = new Columns(records.size(), TEXT, INT8, INT8, INT8, INT8, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT,
                TEXT);
        for (TraceCostRecord r : records) {
            TraceCostEvent e = r.event();
            rows.row().text(e.traceId()).int8(e.version()).int8(e.inputTokens()).int8(e.outputTokens())
                    .int8(e.totalTokens()).text(plain(e.inputCost())).text(plain(e.outputCost()))
                    .text(plain(e.totalCost())).text(e.costStatus().name()).text(r.metadataPatch()).text(r.spanCosts())
                    .text(e.unpricedModels() == null || e.unpricedModels().isEmpty() ? "[]"
                            : json.write(e.unpricedModels()));
        }
        return pool.preparedQuery(statement).execute(rows.tuple()).replaceWithVoid();
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
