package dev.evalplane.trace.search;

import java.util.ArrayList;
import java.util.List;

import dev.evalplane.trace.mapping.TraceInfoMapper;

/**
 * The search statement: experiments scope, compiled filter, keyset condition after the page token, whitelisted
 * ORDER BY with trace_id as the tie-breaker, and LIMIT. Sort values are selected as sort_0..n for the next token.
 */
public final class TraceSearchSql {

    public static String build(List<String> experimentIds, List<FilterClause> clauses, List<OrderKey> order,
            PageToken after, int limit, SqlParams params) {
        StringBuilder sql = new StringBuilder("SELECT ").append(TraceInfoMapper.COLUMNS);
        for (int i = 0; i < order.size(); i++) {
            sql.append(", ").append(order.get(i).attribute().sortExpression()).append(" AS sort_").append(i);
        }
        sql.append(' ').append(TraceInfoMapper.FROM).append(" WHERE ");
        if (experimentIds.size() == 1) {
            sql.append("t.experiment_id = ").append(params.add(experimentIds.get(0), "text"));
        } else {
            sql.append("t.experiment_id = ANY(").append(params.add(experimentIds.toArray(String[]::new), "text[]"))
                    .append(')');
        }
        sql.append(" AND ").append(FilterSqlCompiler.compile(clauses, params));
        if (after != null) {
            sql.append(" AND ").append(keyset(order, after, params));
        }
        sql.append(" ORDER BY ");
        for (OrderKey key : order) {
            sql.append(key.sql()).append(", ");
        }
        sql.append("t.trace_id").append(tieBreakDescending(order) ? " DESC" : " ASC");
        sql.append(" LIMIT ").append(params.add((long) limit, "bigint"));
        return sql.toString();
    }

    /** Rows strictly after the token's position in the ORDER BY order. */
    static String keyset(List<OrderKey> order, PageToken after, SqlParams params) {
        List<String> expressions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            OrderKey key = order.get(i);
            expressions.add(key.attribute().sortExpression());
            values.add(params.add(after.sortValues().get(i), numeric(key) ? "bigint" : "text"));
            descending.add(key.descending());
        }
        expressions.add("t.trace_id");
        values.add(params.add(after.traceId(), "text"));
        descending.add(tieBreakDescending(order));
        if (descending.stream().distinct().count() == 1) {
            return "(" + String.join(", ", expressions) + ") " + (descending.get(0) ? "<" : ">") + " ("
                    + String.join(", ", values) + ")";
        }
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            List<String> parts = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                parts.add(expressions.get(j) + " = " + values.get(j));
            }
            parts.add(expressions.get(i) + (descending.get(i) ? " < " : " > ") + values.get(i));
            alternatives.add("(" + String.join(" AND ", parts) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    public static boolean numeric(OrderKey key) {
        return key.attribute().kind() == TraceAttribute.Kind.NUMBER;
    }

    private static boolean tieBreakDescending(List<OrderKey> order) {
        return order.get(order.size() - 1).descending();
    }

    private TraceSearchSql() {
    }
}
