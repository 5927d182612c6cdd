package dev.evalplane.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time from a trace's completion to its online feedback stored in trace-service goes, per scored claim,
 * from timestamps the pipeline leaves anyway: the root span's end (the trace's completion, the bench's clock), the
 * commit of the root span's row in trace-service (after which it is announced on {@code traces-stored}), the claim's
 * {@code stored_at} (the online consumer stored it), its {@code completed_at} + grace (due: the grace starts at the
 * root's end bounded by its store), {@code claimed_at} (a replica first took it), the judge trace's LLM span
 * (scorer-service's clock around the provider call), {@code done_at} (Kafka acknowledged the feedback) and the
 * commit time of the feedback's row and of the root span's row in trace-service's tables
 * ({@code pg_xact_commit_timestamp}, LocalPostgres keeps them). All clocks are this machine's.
 */
final class OnlineStages {

    private static final String[] STAGES = { "trace completion (root span's end) -> root span stored by trace-service",
            "-> claim stored by the online consumer (announced on traces-stored)", "-> claim due (grace)", "-> first taken by a replica",
            "-> judge call sent (trace read, config, filter; reads again until trace-service stored the trace)",
            "-> judge answered (provider)", "-> feedback sent (Kafka acknowledged)", "-> feedback stored by trace-service" };

    /** What one scored claim's timestamps say (epoch milliseconds). */
    record Claim(long completed, long rootStored, long stored, long due, long claimed, long judgeStart, long judgeEnd,
            long sent, long feedbackStored, int attempts) {

        long total() {
            return feedbackStored - completed;
        }
    }

    /**
     * The scored claims of {@code configs} whose feedback trace-service stored; {@code due} is when each first fell
     * due (grace start + grace: a claim read again has a later {@code due_at}).
     */
    static List<Claim> read(Sql sql, List<String> configs, long graceMs) {
        List<Claim> out = new ArrayList<>();
        for (String[] r : sql.rows("SELECT (root.end_time_ns / 1000000)::bigint, "
                + ms("pg_xact_commit_timestamp(root.xmin)") + ", " + ms("c.stored_at") + ", "
                + ms("c.completed_at + " + graceMs + " * interval '1 millisecond'") + ", " + ms("c.claimed_at")
                + ", j.started, j.ended, " + ms("c.done_at") + ", "
                + ms("pg_xact_commit_timestamp(a.xmin)") + ", c.attempts"
                + " FROM scoring.online_claims c"
                + " JOIN traces.assessments a ON a.trace_id = c.trace_id AND a.assessment_type = 'FEEDBACK'"
                + "  AND a.source_run_id = 'online-' || c.config_id || '-v' || c.scorer_version"
                + " LEFT JOIN traces.spans root ON root.trace_id = c.trace_id"
                + "  AND coalesce(root.parent_span_id, '') = ''"
                + " LEFT JOIN LATERAL (SELECT (min(s.start_time_ns) / 1000000)::bigint AS started,"
                + "  (max(s.end_time_ns) / 1000000)::bigint AS ended FROM traces.spans s"
                + "  WHERE s.trace_id = a.scorer_trace_id AND s.llm IS NOT NULL) j ON true"
                + " WHERE c.config_id = ANY(" + Sql.idArray(configs) + ") AND c.status = 'DONE'")) {
            if (r[0] == null || r[8] == null) {
                continue;
            }
            out.add(new Claim(n(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7]), n(r[8]),
                    Integer.parseInt(r[9])));
        }
        return out;
    }

    /** Prints each stage's percentiles, the side figures and how the slowest 1% spent its time. */
    static void report(Report report, String bench, List<Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        Map<String, List<Long>> stages = new LinkedHashMap<>();
        for (String stage : STAGES) {
            stages.put(stage, new ArrayList<>());
        }
        int readAgain = 0;
        for (Claim c : claims) {
            long[] t = stamps(c);
            int i = 0;
            for (List<Long> stage : stages.values()) {
                if (t[i] > 0 && t[i + 1] > 0) {
                    stage.add(Math.max(0, t[i + 1] - t[i]));
                }
                i++;
            }
            if (c.attempts() > 1) {
                readAgain++;
            }
        }
        stages.forEach((stage, millis) -> {
            if (!millis.isEmpty()) {
                report.figure(bench, "stage: " + stage, Stats.ofMillis(millis).toString());
            }
        });
        report.figure(bench, "side: claims taken more than once (trace not read when due: trace-service did not answer in time)",
                readAgain + " of " + claims.size());
        List<Claim> sorted = new ArrayList<>(claims);
        sorted.sort((a, b) -> Long.compare(b.total(), a.total()));
        List<Claim> slowest = sorted.subList(0, Math.max(1, sorted.size() / 100));
        long[] sums = new long[STAGES.length];
        for (Claim c : slowest) {
            long[] t = stamps(c);
            for (int i = 0; i < STAGES.length; i++) {
                sums[i] += t[i] > 0 && t[i + 1] > 0 ? Math.max(0, t[i + 1] - t[i]) : 0;
            }
        }
        StringBuilder mean = new StringBuilder();
        for (int i = 0; i < STAGES.length; i++) {
            mean.append(i == 0 ? "" : ", ").append(sums[i] / slowest.size());
        }
        report.figure(bench, "slowest 1% (" + slowest.size() + "): mean ms per stage in the order above",
                mean.toString());
    }

    /**
     * The claim's timestamps in stage order, each at least the one before (a claim stored after it was already due
     * spends nothing waiting for the grace), so that the stages add up to the total.
     */
    private static long[] stamps(Claim c) {
        long[] t = { c.completed(), c.rootStored(), c.stored(), c.due(), c.claimed(), c.judgeStart(), c.judgeEnd(),
                c.sent(), c.feedbackStored() };
        for (int i = 1; i < t.length; i++) {
            if (t[i] > 0 && t[i - 1] > 0) {
                t[i] = Math.max(t[i], t[i - 1]);
            }
        }
        return t;
    }

    private static String ms(String timestamp) {
        return "(extract(epoch FROM " + timestamp + ") * 1000)::bigint";
    }

    private static long n(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    private OnlineStages() {
    }
}
