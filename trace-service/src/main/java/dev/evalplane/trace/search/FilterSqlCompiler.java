package dev.evalplane.trace.search;

import java.util.List;
import java.util.Set;

/**
 * Turns parsed clauses into a SQL condition over {@code traces t} (left-joined to {@code trace_costs tc}). Column
 * expressions come from {@link TraceAttribute}; tag and metadata keys and every value are bind parameters, keys
 * feeding the jsonb operators. Equality on tags/metadata uses containment ({@code @>}), which the GIN indexes serve.
 */
public final class FilterSqlCompiler {

    /** Metadata keys that trace costs provide on read (see TraceCostRecord); they are looked up there first. */
    private static final Set<String> COST_METADATA_KEYS = Set.of("mlflow.trace.tokenUsage", "mlflow.trace.cost",
            "evalplane.trace.costStatus");

    public static String compile(List<FilterClause> clauses, SqlParams params) {
        if (clauses.isEmpty()) {
            return "TRUE";
        }
        return String.join(" AND ", clauses.stream().map(c -> "(" + clause(c, params) + ")").toList());
    }

    private static String clause(FilterClause c, SqlParams params) {
        if (c.field() instanceof FilterField.Attribute a) {
            return switch (a.attribute().kind()) {
                case NUMBER -> a.attribute().column() + " " + sqlOperator(c.comparator()) + " "
                        + params.add(c.values().get(0), "bigint");
                case TEXT -> compare(a.attribute().column(), c, params);
                case RUN -> runMembership(c, params);
            };
        }
        boolean tag = c.field() instanceof FilterField.Tag;
        String key = tag ? ((FilterField.Tag) c.field()).key() : ((FilterField.Metadata) c.field()).key();
        String map = tag ? "t.tags" : "t.trace_metadata";
        boolean fromCost = !tag && COST_METADATA_KEYS.contains(key);
        String keyParam = params.add(key, "text");
        if (c.comparator() == Comparator.EQ && !fromCost) {
            return map + " @> jsonb_build_object(" + keyParam + ", " + params.add(c.values().get(0), "text") + ")";
        }
        String value = fromCost ? "COALESCE(tc.metadata_patch ->> " + keyParam + ", " + map + " ->> " + keyParam + ")"
                : "(" + map + " ->> " + keyParam + ")";
        return compare(value, c, params);
    }

    private static String compare(String expression, FilterClause c, SqlParams params) {
        return switch (c.comparator()) {
            case IN -> expression + " = ANY(" + params.add(textArray(c.values()), "text[]") + ")";
            case NOT_IN -> expression + " <> ALL(" + params.add(textArray(c.values()), "text[]") + ")";
            case IS_NULL -> expression + " IS NULL";
            case IS_NOT_NULL -> expression + " IS NOT NULL";
            default -> expression + " " + sqlOperator(c.comparator()) + " " + params.add(c.values().get(0), "text");
        };
    }

    /**
     * run_id matches metadata mlflow.sourceRun and explicit run links alike: both live in trace_run_links; only links
     * that count ({@code member}: a client door's link into a pipeline run does not) match.
     */
    private static String runMembership(FilterClause c, SqlParams params) {
        String exists = "EXISTS (SELECT 1 FROM trace_run_links l WHERE l.trace_id = t.trace_id AND l.member AND l.run_id ";
        return switch (c.comparator()) {
            case EQ -> exists + "= " + params.add(c.values().get(0), "text") + ")";
            case NE -> "NOT " + exists + "= " + params.add(c.values().get(0), "text") + ")";
            case IN -> exists + "= ANY(" + params.add(textArray(c.values()), "text[]") + "))";
            case NOT_IN -> "NOT " + exists + "= ANY(" + params.add(textArray(c.values()), "text[]") + "))";
            default -> throw new IllegalStateException("run_id does not support " + c.comparator());
        };
    }

    private static String sqlOperator(Comparator comparator) {
        return switch (comparator) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case LIKE -> "LIKE";
            case ILIKE -> "ILIKE";
            default -> throw new IllegalStateException(comparator + " is not a binary operator");
        };
    }

    private static String[] textArray(List<Object> values) {
        return values.stream().map(String.class::cast).toArray(String[]::new);
    }

    private FilterSqlCompiler() {
    }
}
