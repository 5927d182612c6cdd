package dev.evalplane.trace.repository;

/**
 * SQL pieces that total judge cost over feedback rows {@code a} of assessments_effective. Statuses fold as
 * CostStatus.combine does (function judge_cost_status); the total is exact and null unless everything is priced.
 */
final class JudgeCostSql {

    /** Aggregates over {@code a}: costed, priced, unpriced, cost_sum, input_tokens, output_tokens. */
    static final String AGGREGATES = """
            count(*) FILTER (WHERE a.judge_cost_status IN ('PRICED', 'PARTIALLY_PRICED', 'UNPRICED')) AS costed,
            count(*) FILTER (WHERE a.judge_cost_status = 'PRICED') AS priced,
            count(*) FILTER (WHERE a.judge_cost_status = 'UNPRICED') AS unpriced,
            sum(a.judge_cost) AS cost_sum,
            COALESCE(sum(a.judge_input_tokens), 0) AS input_tokens,
            COALESCE(sum(a.judge_output_tokens), 0) AS output_tokens""";

    /**
     * Result columns cost_status, total_cost (text), input_tokens, output_tokens, known_cost (text: the exact sum of
     * the calls that are priced, whatever the others) and unpriced_calls (calls UNPRICED or PARTIALLY_PRICED) from
     * aggregates aliased {@code c}.
     */
    static final String RESULT = """
            judge_cost_status(c.costed, c.priced, c.unpriced) AS cost_status,
            (CASE judge_cost_status(c.costed, c.priced, c.unpriced) WHEN 'PRICED' THEN c.cost_sum
                  WHEN 'NO_USAGE' THEN COALESCE(c.cost_sum, 0) END)::text AS total_cost,
            c.input_tokens, c.output_tokens,
            COALESCE(c.cost_sum, 0)::text AS known_cost, c.costed - c.priced AS unpriced_calls""";

    private JudgeCostSql() {
    }
}
