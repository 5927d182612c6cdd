package dev.evalplane.trace.repository;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.trace.mapping.JsonCodec;
import dev.evalplane.trace.domain.TraceCostRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The latest cost per trace: a version at or below the stored one changes nothing. */
@ApplicationScoped
public class TraceCostRepository {

    private static final String UPSERT = """
            INSERT INTO trace_costs AS c (trace_id, version, input_tokens, output_tokens, total_tokens, input_cost,
                    output_cost, total_cost, cost_status, metadata_patch, judge_patch, span_costs, event)
            VALUES ($1, $2, $3, $4, $5, $6::text::numeric, $7::text::numeric, $8::text::numeric, $9,
                    $10::text::jsonb, $11::text::jsonb, $12::text::jsonb, $13::text::jsonb)
            ON CONFLICT (trace_id) DO UPDATE SET
                version = EXCLUDED.version, input_tokens = EXCLUDED.input_tokens,
                output_tokens = EXCLUDED.output_tokens, total_tokens = EXCLUDED.total_tokens,
                input_cost = EXCLUDED.input_cost, output_cost = EXCLUDED.output_cost,
                total_cost = EXCLUDED.total_cost, cost_status = EXCLUDED.cost_status,
                metadata_patch = EXCLUDED.metadata_patch, judge_patch = EXCLUDED.judge_patch,
                span_costs = EXCLUDED.span_costs, event = EXCLUDED.event, updated_at = now()
            WHERE c.version < EXCLUDED.version
            """;

    private final Pool pool;
    private final JsonCodec json;

    public TraceCostRepository(Pool pool, JsonCodec json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Void> upsertNewer(Collection<TraceCostRecord> records) {
        List<Tuple> rows = records.stream().map(this::row).toList();
        return pool.preparedQuery(UPSERT).executeBatch(rows).replaceWithVoid();
    }

    private Tuple row(TraceCostRecord r) {
        TraceCostEvent e = r.event();
        return Tuple.tuple().addValue(e.traceId()).addValue(e.version()).addValue(e.inputTokens())
                .addValue(e.outputTokens()).addValue(e.totalTokens()).addValue(plain(e.inputCost()))
                .addValue(plain(e.outputCost())).addValue(plain(e.totalCost())).addValue(e.costStatus().name())
                .addValue(json.write(r.metadataPatch())).addValue(json.write(r.judgePatch()))
                .addValue(json.write(r.spanCosts())).addValue(json.write(e));
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
