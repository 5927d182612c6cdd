package dev.evalplane.bench;

import java.util.List;

/**
 * PostgreSQL's own account of where its time went ({@code pg_stat_statements}), for profiles: only when the server
 * was started with the library loaded ({@code BENCH_PG_STAT_STATEMENTS=true bench/run ...}); otherwise a no-op.
 */
final class StatementProfile {

    private final Sql sql;
    private final boolean enabled;

    StatementProfile(Sql sql) {
        this.sql = sql;
        this.enabled = Boolean.getBoolean("pg.stat-statements");
        if (enabled) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
    }

    void reset() {
        if (enabled) {
            sql.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /**
     * Prints the statements that took most of the server's time since {@link #reset()}, with the buffers each call
     * touched: statement time is wall time (on a loaded machine much of it waiting for a core), buffers per call say
     * whether a call did more work or only waited longer.
     */
    void print(Report report, int top) {
        print(report, top, 0, null);
    }

    /**
     * As {@link #print(Report, int)}, with each statement's calls, rows and time per {@code item} (e.g. per judged
     * trace: how many statements and rows one unit of work causes) when {@code items} is positive.
     */
    void print(Report report, int top, long items, String item) {
        if (!enabled) {
            return;
        }
        List<String[]> rows = sql.rows("""
                SELECT calls, round(total_exec_time)::bigint, round(100 * total_exec_time
                       / NULLIF(sum(total_exec_time) OVER (), 0))::int, rows,
                       (shared_blks_hit + shared_blks_read) / NULLIF(calls, 0),
                       regexp_replace(left(query, 140), '\\s+', ' ', 'g'), total_exec_time
                FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT %d""".formatted(top));
        if (items <= 0) {
            report.line("pg_stat_statements since the last reset (calls, total ms, %% of all statement time, rows, buffers"
                    + " per call, statement):");
            for (String[] r : rows) {
                report.line("  %8s %8s ms %3s%% %9s %7s  %s", r[0], r[1], r[2], r[3], r[4], r[5]);
            }
            return;
        }
        report.line("pg_stat_statements since the last reset (calls, total ms, %% of all statement time, rows, buffers"
                + " per call; calls, rows and µs per %s, %d of them; statement):", item, items);
        for (String[] r : rows) {
            report.line("  %8s %8s ms %3s%% %9s %7s | %6.2f %7.2f %7.0f µs  %s", r[0], r[1], r[2], r[3], r[4],
                    Double.parseDouble(r[0]) / items, Double.parseDouble(r[3]) / items,
                    Double.parseDouble(r[6]) * 1000 / items, r[5]);
        }
        String[] all = sql.rows("SELECT sum(calls), round(sum(total_exec_time))::bigint, sum(total_exec_time)"
                + " FROM pg_stat_statements").get(0);
        report.line("  all statements: %s calls, %s ms | %.1f calls, %.0f µs per %s", all[0], all[1],
                Double.parseDouble(all[0]) / items, Double.parseDouble(all[2]) * 1000 / items, item);
    }
}
