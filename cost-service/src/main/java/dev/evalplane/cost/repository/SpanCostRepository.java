package dev.evalplane.cost.repository;

import static dev.evalplane.support.sql.Columns.Type.INT8;
import static dev.evalplane.support.sql.Columns.Type.TEXT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalplane.support.sql.AlreadyStored;
import dev.evalplane.support.sql.Columns;
import jakarta.enterprise.context.ApplicationScoped;

import dev.evalplane.cost.domain.PriceSource;
import dev.evalplane.cost.domain.PricedUsage;
import dev.evalplane.cost.domain.SpanCostEntry;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.TokenUsage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

/** {@code costs.span_costs}, the per-span cost ledger. Methods take the connection of the caller's transaction. */
@ApplicationScoped
public class SpanCostRepository {

    private static final String COLUMNS = "span_id, trace_id, provider, model, resolved_model, price_source,"
            + " input_tokens, output_tokens, total_tokens, cache_read_input_tokens, cache_creation_input_tokens,"
            + " reasoning_tokens, input_cost, output_cost, total_cost, cost_status, price_table_version,"
            + " cache_creation_1h_input_tokens, price_match";

    /**
     * A batch of spans none of which is in the ledger yet ({@link AlreadyStored}: cheaper than the upsert), unnested
     * side by side in the select list (a ProjectSet: {@code FROM unnest(a, b, ...)} would first copy every column
     * into a tuplestore of its own).
     */
    private static final String INSERT = "INSERT INTO costs.span_costs (" + COLUMNS + ") SELECT unnest($1::text[]),"
            + " unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]), unnest($6::text[]),"
            + " unnest($7::int8[]), unnest($8::int8[]), unnest($9::int8[]), unnest($10::int8[]), unnest($11::int8[]),"
            + " unnest($12::int8[]), unnest($13::text[])::numeric, unnest($14::text[])::numeric,"
            + " unnest($15::text[])::numeric, unnest($16::text[]), unnest($17::text[]), unnest($18::int8[]),"
            + " unnest($19::text[])";

    /**
     * Insert, or update when the span's call changed. A redelivered span (same trace, provider, model and usage)
     * leaves its row untouched: a duplicate never changes a total, whatever the price table is now (re-pricing is
     * explicit). A span id already owned by another trace is left alone.
     */
    private static final String UPSERT = INSERT
            + " ON CONFLICT (span_id) DO UPDATE SET"
            + " provider = EXCLUDED.provider, model = EXCLUDED.model, resolved_model = EXCLUDED.resolved_model,"
            + " price_source = EXCLUDED.price_source, price_match = EXCLUDED.price_match, input_tokens = EXCLUDED.input_tokens,"
            + " output_tokens = EXCLUDED.output_tokens, total_tokens = EXCLUDED.total_tokens,"
            + " cache_read_input_tokens = EXCLUDED.cache_read_input_tokens,"
            + " cache_creation_input_tokens = EXCLUDED.cache_creation_input_tokens,"
            + " cache_creation_1h_input_tokens = EXCLUDED.cache_creation_1h_input_tokens,"
            + " reasoning_tokens = EXCLUDED.reasoning_tokens, input_cost = EXCLUDED.input_cost,"
            + " output_cost = EXCLUDED.output_cost, total_cost = EXCLUDED.total_cost,"
            + " cost_status = EXCLUDED.cost_status, price_table_version = EXCLUDED.price_table_version, priced_at = now()"
            + " WHERE span_costs.trace_id = EXCLUDED.trace_id AND (span_costs.provider, span_costs.model,"
            + " span_costs.input_tokens, span_costs.output_tokens, span_costs.total_tokens,"
            + " span_costs.cache_read_input_tokens, span_costs.cache_creation_input_tokens, span_costs.reasoning_tokens,"
            + " span_costs.cache_creation_1h_input_tokens)"
            + " IS DISTINCT FROM (EXCLUDED.provider, EXCLUDED.model, EXCLUDED.input_tokens, EXCLUDED.output_tokens,"
            + " EXCLUDED.total_tokens, EXCLUDED.cache_read_input_tokens, EXCLUDED.cache_creation_input_tokens,"
            + " EXCLUDED.reasoning_tokens, EXCLUDED.cache_creation_1h_input_tokens)";

    private static final String REPRICE = "UPDATE costs.span_costs SET resolved_model = $2, price_source = $3, price_match = $9,"
            + " input_cost = $4, output_cost = $5, total_cost = $6, cost_status = $7, price_table_version = $8,"
            + " priced_at = now() WHERE span_id = $1";

    /** The primary key, named in the unique violation of {@link #insert} on a span already in the ledger. */
    private static final String PRIMARY_KEY = "span_costs_pkey";

    /**
     * One statement for the batch; of a span sent twice in it the later copy wins. Fails with {@link #alreadyStored}
     * when one of the spans is in the ledger already (the transaction is then aborted: write it again with
     * {@link #upsert}).
     */
    public Uni<Void> insert(SqlClient conn, List<SpanCostEntry> entries) {
        return write(conn, INSERT, entries);
    }

    /** One statement for the batch, as {@link #UPSERT} says; of a span sent twice in it the later copy wins. */
    public Uni<Void> upsert(SqlClient conn, List<SpanCostEntry> entries) {
        return write(conn, UPSERT, entries);
    }

    /** Whether {@link #insert} failed because a span of the batch is in the ledger already. */
    public static boolean alreadyStored(Throwable failure) {
        return AlreadyStored.violates(failure, PRIMARY_KEY);
    }

    private Uni<Void> write(SqlClient conn, String statement, List<SpanCostEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, SpanCostEntry> unique = new LinkedHashMap<>();
        for (SpanCostEntry e : entries) {
            unique.remove(e.spanId());
            unique.put(e.spanId(), e);
        }
        Columns rows = new Columns(unique.size(), TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, INT8, INT8, INT8, INT8, INT8, INT8,
                TEXT, TEXT, TEXT, TEXT, TEXT, INT8, TEXT);
        for (SpanCostEntry e : unique.values()) {
            TokenUsage u = e.usage() == null ? new TokenUsage(null, null, null, null, null, null, null) : e.usage();
            PricedUsage p = e.priced();
            rows.row().text(e.spanId()).text(e.traceId()).text(e.provider()).text(e.model()).text(p.resolvedModel())
                    .text(source(p)).int8(u.inputTokens()).int8(u.outputTokens()).int8(u.totalTokens())
                    .int8(u.cacheReadInputTokens()).int8(u.cacheCreationInputTokens()).int8(u.reasoningTokens())
                    .text(plain(p.inputCost())).text(plain(p.outputCost())).text(plain(p.totalCost()))
                    .text(p.status().name()).text(e.priceTableVersion()).int8(u.cacheCreation1hInputTokens())
                    .text(p.match());
        }
        return conn.preparedQuery(statement).execute(rows.tuple()).replaceWithVoid();
    }

    /** Stores new pricing of existing rows (usage untouched). */
    public Uni<Void> updatePricing(SqlClient conn, List<SpanCostEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        for (SpanCostEntry e : entries) {
            PricedUsage p = e.priced();
            rows.add(Tuple.from(new Object[] { e.spanId(), p.resolvedModel(), source(p), numeric(p.inputCost()),
                    numeric(p.outputCost()), numeric(p.totalCost()), p.status().name(), e.priceTableVersion(),
                    p.match() }));
        }
        return conn.preparedQuery(REPRICE).executeBatch(rows).replaceWithVoid();
    }

    public Uni<List<SpanCostEntry>> findByTraceIds(SqlClient conn, Collection<String> traceIds) {
        return conn.preparedQuery("SELECT " + COLUMNS + " FROM costs.span_costs WHERE trace_id = ANY($1)"
                + " ORDER BY trace_id, span_id")
                .execute(Tuple.of(traceIds.toArray(new String[0])))
                .map(rows -> {
                    List<SpanCostEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(toEntry(row)));
                    return entries;
                });
    }

    /** One page of trace ids that have ledger rows, after {@code afterTraceId} (keyset paging). */
    public Uni<List<String>> traceIdsAfter(Pool pool, String afterTraceId, int limit) {
        return pool.preparedQuery("SELECT DISTINCT trace_id FROM costs.span_costs WHERE trace_id > $1"
                + " ORDER BY trace_id LIMIT $2")
                .execute(Tuple.of(afterTraceId, limit))
                .map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    private static SpanCostEntry toEntry(Row row) {
        TokenUsage usage = new TokenUsage(row.getLong("input_tokens"), row.getLong("output_tokens"),
                row.getLong("total_tokens"), row.getLong("cache_read_input_tokens"),
                row.getLong("cache_creation_input_tokens"), row.getLong("reasoning_tokens"),
                row.getLong("cache_creation_1h_input_tokens"));
        String source = row.getString("price_source");
        PricedUsage priced = new PricedUsage(decimal(row, "input_cost"), decimal(row, "output_cost"),
                decimal(row, "total_cost"), CostStatus.valueOf(row.getString("cost_status")),
                row.getString("resolved_model"), source == null ? null : PriceSource.valueOf(source),
                row.getString("price_match"));
        return new SpanCostEntry(row.getString("trace_id"), row.getString("span_id"), row.getString("provider"),
                row.getString("model"), usage, priced, row.getString("price_table_version"));
    }

    /** The entry as {@link #findByTraceIds} reads it back once {@link #insert} has stored it. */
    public static SpanCostEntry asStored(SpanCostEntry e) {
        TokenUsage u = e.usage() == null ? new TokenUsage(null, null, null, null, null, null, null) : e.usage();
        PricedUsage p = e.priced();
        PricedUsage priced = new PricedUsage(decimal(p.inputCost()), decimal(p.outputCost()), decimal(p.totalCost()),
                p.status(), p.resolvedModel(), p.source(), p.match());
        return new SpanCostEntry(e.traceId(), e.spanId(), e.provider(), e.model(), u, priced, e.priceTableVersion());
    }

    private static BigDecimal decimal(Row row, String column) {
        return decimal(row.getBigDecimal(column));
    }

    private static BigDecimal decimal(BigDecimal value) {
        return value == null ? null : (value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros());
    }

    private static Numeric numeric(BigDecimal value) {
        return value == null ? null : Numeric.create(value);
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String source(PricedUsage priced) {
        return priced.source() == null ? null : priced.source().name();
    }
}
