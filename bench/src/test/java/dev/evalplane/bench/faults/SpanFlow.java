package dev.evalplane.bench.faults;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.evalplane.bench.Kafka;
import dev.evalplane.bench.Sql;
import dev.evalplane.bench.SyntheticTraces;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;

/**
 * A steady stream of application traces (10 spans, 2 of them priced LLM calls) sent to {@code spans}, and what the
 * services must have made of it: every span stored once, every LLM span priced once, and per trace a stored cost
 * whose tokens and total are exactly the sums of its spans.
 */
final class SpanFlow {

    static final int SPANS_PER_TRACE = 10;
    static final int LLM_PER_TRACE = 2;

    private final String set;
    private final int traces;
    private final List<SpanEvent> spans = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();

    SpanFlow(String set, int traces) {
        this.set = set;
        this.traces = traces;
        for (int t = 0; t < traces; t++) {
            spans.addAll(SyntheticTraces.trace(set, t, SPANS_PER_TRACE, LLM_PER_TRACE));
        }
    }

    /** Sends every span at about {@code perSecond} spans per second in a background thread. */
    Thread start(Kafka kafka, int perSecond) {
        Thread sender = new Thread(() -> {
            long start = System.nanoTime();
            for (SpanEvent span : spans) {
                kafka.send(Topics.SPANS, span.traceId(), SyntheticTraces.json(span));
                int n = sent.incrementAndGet();
                long due = start + n * 1_000_000_000L / perSecond;
                long wait = (due - System.nanoTime()) / 1_000_000;
                if (wait > 0) {
                    sleep(wait);
                }
            }
            kafka.flush();
        }, "span-flow-" + set);
        sender.start();
        return sender;
    }

    @Override
    public String toString() {
        return "flow " + set;
    }

    int sent() {
        return sent.get();
    }

    int spanCount() {
        return spans.size();
    }

    int llmCount() {
        return traces * LLM_PER_TRACE;
    }

    List<String> traceIds() {
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < traces; t++) {
            ids.add(SyntheticTraces.traceId(set, t));
        }
        return ids;
    }

    long storedSpans(Sql sql) {
        return sql.countOrMinusOne("SELECT count(*) FROM traces.spans WHERE trace_id = ANY(" + ids() + ")");
    }

    long pricedSpans(Sql sql) {
        return sql.countOrMinusOne("SELECT count(*) FROM costs.span_costs WHERE trace_id = ANY(" + ids() + ")");
    }

    /** trace id -> {input tokens, output tokens, total cost} as trace-service stored them. */
    Map<String, List<String>> storedCosts(Sql sql) {
        Map<String, List<String>> costs = new HashMap<>();
        for (String[] row : sql.rows("SELECT trace_id, input_tokens, output_tokens, total_cost::text, cost_status"
                + " FROM traces.trace_costs WHERE trace_id = ANY(" + ids() + ")")) {
            costs.put(row[0], List.of(row[1], row[2], row[3] == null ? "null" : row[3], row[4]));
        }
        return costs;
    }

    /** What {@link #storedCosts} must be, from the usage sent and the model's rates (USD per token). */
    Map<String, List<String>> expectedCosts(BigDecimal inputRate, BigDecimal outputRate) {
        Map<String, List<String>> costs = new HashMap<>();
        for (int t = 0; t < traces; t++) {
            long in = 0;
            long out = 0;
            for (int s = 1; s <= LLM_PER_TRACE; s++) {
                in += SyntheticTraces.inputTokens(t, s);
                out += SyntheticTraces.outputTokens(t, s);
            }
            BigDecimal total = inputRate.multiply(BigDecimal.valueOf(in)).add(outputRate.multiply(BigDecimal.valueOf(out)));
            costs.put(SyntheticTraces.traceId(set, t), List.of(Long.toString(in), Long.toString(out),
                    total.stripTrailingZeros().toPlainString(), "PRICED"));
        }
        return costs;
    }

    /** Normalises stored decimals (trailing zeros) so they compare as numbers. */
    static Map<String, List<String>> normalised(Map<String, List<String>> costs) {
        Map<String, List<String>> result = new HashMap<>();
        costs.forEach((id, c) -> result.put(id, List.of(c.get(0), c.get(1),
                "null".equals(c.get(2)) ? "null" : new BigDecimal(c.get(2)).stripTrailingZeros().toPlainString(),
                c.get(3))));
        return result;
    }

    private String ids() {
        return Sql.idArray(traceIds());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
