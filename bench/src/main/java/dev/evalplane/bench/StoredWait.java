package dev.evalplane.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import dev.evalplane.events.SpanEvent;

/**
 * Waits until a load has gone through the write path: every span stored by trace-service ({@code traces.spans}),
 * every LLM span priced by cost-service ({@code costs.span_costs}), every trace's cost stored by trace-service
 * ({@code traces.trace_costs}).
 *
 * <p>Waiting must not load the database it measures: a {@code count(*)} of the growing tables every 100 ms took a
 * third of PostgreSQL's statement time in {@code ingestion}, and in {@code otlp}, whose tables hold every warm-up
 * set too, it was most of the difference in PostgreSQL's CPU per span between the two benches (bench/RESULTS.md).
 * Each service consumes a partition in order, one batch after the other, so the poll looks up by primary key only the
 * last span (and the last LLM span) of each sequence in each partition: the spans of a sequence (one Kafka producer's
 * sends, one OTLP request) reach a partition in their order. Once those are there, one exact count confirms that
 * everything is; if it is not, the wait goes on with exact counts, so no figure ever counts a span that is not stored.
 */
final class StoredWait {

    /** Rows each schema must hold once a set is through: spans, priced LLM spans, trace costs. */
    record Expected(long spans, long priced, long traceCosts) {

        static final Expected NONE = new Expected(0, 0, 0);

        Expected plus(List<SpanEvent> set) {
            return new Expected(spans + set.size(), priced + set.stream().filter(SpanEvent::hasUsage).count(),
                    traceCosts + set.stream().filter(SpanEvent::hasUsage).map(SpanEvent::traceId).distinct().count());
        }
    }

    /** When every span was stored, every LLM span priced and every trace cost stored ({@link System#nanoTime()}). */
    record Reached(long spans, long priced, long traceCosts) {

        /** The latest of the three: the load is through the whole path. */
        long all() {
            return Math.max(spans, Math.max(priced, traceCosts));
        }
    }

    private static final String[] COUNTS = {"SELECT count(*) FROM traces.spans", "SELECT count(*) FROM costs.span_costs",
            "SELECT count(*) FROM traces.trace_costs"};

    private final String[] lastOnes;
    private final long[] lastWanted;

    /**
     * @param sequences spans in the order they reach each partition (one producer's sends, an OTLP request's spans)
     * @param partition the {@code spans} partition a span went to
     */
    StoredWait(List<List<SpanEvent>> sequences, ToIntFunction<SpanEvent> partition) {
        Map<String, SpanEvent> lastSpan = new LinkedHashMap<>();
        Map<String, SpanEvent> lastLlm = new LinkedHashMap<>();
        for (int s = 0; s < sequences.size(); s++) {
            for (SpanEvent span : sequences.get(s)) {
                String where = s + "/" + partition.applyAsInt(span);
                lastSpan.put(where, span);
                if (span.hasUsage()) {
                    lastLlm.put(where, span);
                }
            }
        }
        List<String> spanKeys = new ArrayList<>();
        lastSpan.values().forEach(s -> spanKeys.add("(" + literal(s.traceId()) + ", " + literal(s.spanId()) + ")"));
        List<String> llmKeys = new ArrayList<>();
        lastLlm.values().forEach(s -> llmKeys.add(literal(s.spanId())));
        lastOnes = new String[] {
                "SELECT count(*) FROM traces.spans WHERE (trace_id, span_id) IN (" + String.join(", ", spanKeys) + ")",
                "SELECT count(*) FROM costs.span_costs WHERE span_id IN (" + String.join(", ", llmKeys) + ")"};
        lastWanted = new long[] {lastSpan.size(), lastLlm.size()};
    }

    /**
     * Polls every 50 ms until the schemas hold {@code target}; {@code start} is when the load began (the wait gives up
     * 15 minutes after it).
     */
    Reached await(Sql sql, Expected target, long start, Report report) throws InterruptedException {
        long[] wanted = {target.spans(), target.priced(), target.traceCosts()};
        boolean[] exactOnly = {lastWanted[0] == 0, lastWanted[1] == 0};
        long[] at = new long[3];
        long deadline = start + 900_000_000_000L;
        while ((at[0] == 0 || at[1] == 0 || at[2] == 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            long now = System.nanoTime();
            for (int i = 0; i < 2; i++) {
                if (at[i] != 0 || (!exactOnly[i] && sql.countOrMinusOne(lastOnes[i]) < lastWanted[i])) {
                    continue;
                }
                if (sql.countOrMinusOne(COUNTS[i]) >= wanted[i]) {
                    at[i] = now;
                } else if (!exactOnly[i]) {
                    exactOnly[i] = true;
                    report.line("  (the last records of each partition were there before all others: waiting by"
                            + " exact counts)");
                }
            }
            if (at[0] != 0 && at[1] != 0 && sql.countOrMinusOne(COUNTS[2]) >= wanted[2]) {
                at[2] = now;
            }
        }
        if (at[0] == 0 || at[1] == 0 || at[2] == 0) {
            throw new IllegalStateException("not everything was stored and priced within 15 minutes");
        }
        return new Reached(at[0], at[1], at[2]);
    }

    /** A SQL string literal of a hex id (checked, so it cannot break out of the quotes). */
    private static String literal(String id) {
        if (!id.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("not a plain id: " + id);
        }
        return "'" + id + "'";
    }
}
