package dev.evalplane.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.evalplane.events.Topics;

/**
 * Where the time between a judge call's end and its judgeCost showing goes, per judge trace, from timestamps the
 * pipeline leaves anyway: the judge trace's records on {@code spans} (producer time: scorer-service sent them),
 * the commit of its {@code costs.span_costs} rows (cost-service stored the price), the first record on {@code trace-costs}
 * (cost-service sent the aggregate), the commit of its {@code traces.trace_costs} row (trace-service stored it; or
 * the commit of the feedback's row when trace-service stored the feedback later) and the read that first saw
 * the cost. All clocks are this machine's.
 */
final class CostLatencyStages {

    /** When the row's last write committed, epoch ms. */
    private static final String COMMITTED = "(extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000)::bigint";

    static void report(Report report, String bench, Map<String, Long> seenAt, Map<String, String> judgeTrace,
            Map<String, Long> spanEnd, Map<String, Long> dueAt) {
        Map<String, Long> spansSent = timestamps(Topics.SPANS, judgeTrace, Math::max);
        Map<String, Long> costSent = timestamps(Topics.TRACE_COSTS, judgeTrace, Math::min);
        Map<String, Long> priced = new HashMap<>();
        Map<String, Long> stored = new HashMap<>();
        List<Long> feedbackLast = new ArrayList<>();
        try (Sql sql = Sql.open()) {
            String ids = Sql.idArray(judgeTrace.values());
            // commit times (LocalPostgres keeps them): priced_at and updated_at are their transaction's start, and a
            // row is visible only once its transaction commits
            for (String[] row : sql.rows("SELECT trace_id, max(" + COMMITTED + ") FROM costs.span_costs"
                    + " WHERE trace_id = ANY(" + ids + ") GROUP BY trace_id")) {
                priced.put(row[0], Long.parseLong(row[1]));
            }
            for (String[] row : sql.rows("SELECT trace_id, " + COMMITTED + " FROM traces.trace_costs"
                    + " WHERE trace_id = ANY(" + ids + ")")) {
                stored.put(row[0], Long.parseLong(row[1]));
            }
            // the cost shows once the feedback is stored too: whichever of the two came last
            for (String[] row : sql.rows("SELECT scorer_trace_id, max(" + COMMITTED + ") FROM traces.assessments"
                    + " WHERE scorer_trace_id = ANY(" + ids + ") GROUP BY scorer_trace_id")) {
                long feedback = Long.parseLong(row[1]);
                Long cost = stored.get(row[0]);
                if (cost != null && feedback > cost) {
                    feedbackLast.add(feedback - cost);
                    stored.put(row[0], feedback);
                }
            }
        }
        Map<String, List<Long>> stages = new LinkedHashMap<>();
        for (String stage : List.of("LLM span end -> judge spans sent by scorer-service",
                "-> priced and stored by cost-service", "-> trace cost sent by cost-service",
                "-> trace cost (and the feedback) stored by trace-service", "-> seen by the poll")) {
            stages.put(stage, new ArrayList<>());
        }
        // the last stage split: how late the benchmark's watch knew the cost was sent (its cue), and how long after
        // both the cost was stored and the cue its read saw it
        List<Long> cueLag = new ArrayList<>();
        List<Long> readLag = new ArrayList<>();
        seenAt.forEach((id, seen) -> {
            String trace = judgeTrace.get(id);
            Long due = dueAt.get(id);
            if (due != null && costSent.containsKey(trace) && stored.containsKey(trace)) {
                cueLag.add(Math.max(0, due - costSent.get(trace)));
                readLag.add(Math.max(0, seen - Math.max(due, stored.get(trace))));
            }
        });
        seenAt.forEach((id, seen) -> {
            String trace = judgeTrace.get(id);
            Long[] t = { spanEnd.get(id), spansSent.get(trace), priced.get(trace), costSent.get(trace),
                    stored.get(trace), seen };
            for (Long v : t) {
                if (v == null) {
                    return;
                }
            }
            int i = 0;
            for (List<Long> stage : stages.values()) {
                stage.add(Math.max(0, t[i + 1] - t[i]));
                i++;
            }
        });
        stages.forEach((stage, millis) -> {
            if (!millis.isEmpty()) {
                report.figure(bench, "stage: " + stage, Stats.ofMillis(millis).toString());
            }
        });
        if (!cueLag.isEmpty()) {
            report.figure(bench, "  the poll's cue: trace cost sent -> the benchmark's watch had it and the feedback",
                    Stats.ofMillis(cueLag).toString());
            report.figure(bench, "  the poll's read: later of stored and cued -> seen", Stats.ofMillis(readLag).toString());
        }
        if (!feedbackLast.isEmpty()) {
            report.figure(bench, "feedback stored after its trace cost (" + feedbackLast.size() + " of "
                    + judgeTrace.size() + "), by", Stats.ofMillis(feedbackLast).toString());
        }
    }

    /** Per judge trace, the record timestamps on {@code topic} folded with {@code pick} (min or max). */
    private static Map<String, Long> timestamps(String topic, Map<String, String> judgeTrace, BinaryOperator<Long> pick) {
        Map<String, Long> at = new HashMap<>();
        Set<String> ours = new HashSet<>(judgeTrace.values());
        for (ConsumerRecord<String, String> r : Kafka.readToEnd(topic)) {
            if (ours.contains(r.key())) {
                at.merge(r.key(), r.timestamp(), pick);
            }
        }
        return at;
    }

    private CostLatencyStages() {
    }
}
