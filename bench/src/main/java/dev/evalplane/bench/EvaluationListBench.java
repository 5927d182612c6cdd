package dev.evalplane.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.testsupport.RealStack;

/**
 * Latency of one page of the evaluation list ({@code GET /api/v1/evaluations/{run}/traces?page_size=50} on
 * trace-service) for runs of different sizes in the same tables: the first page, and a page in the middle of the
 * run reached through page tokens, requested in turns so every figure sees the same machine noise. Keyset
 * pagination on a partial index should keep it flat. Options: --sizes
 * (1000,100000,1000000), --samples (200 requests per figure).
 */
final class EvaluationListBench {

    private static final String NAME = "evaluation-list";
    private static final int PAGE = 50;

    static void run(Options options, Report report) {
        List<Integer> sizes = options.integers("sizes", "1000,100000,1000000");
        int samples = options.integer("samples", 200);
        try (RealStack stack = RealStack.start(Map.of()); Sql sql = Sql.open()) {
            EvaluationSeed seed = new EvaluationSeed(sql);
            long start = System.nanoTime();
            seed.holdSummaryFolds();
            seed.dropIndexes();
            for (int size : sizes) {
                long t = System.nanoTime();
                seed.run(runId(size), size);
                report.line("seeded run of %d evaluated traces (+%d judge traces, %d feedback) in %.1f s", size,
                        size * EvaluationSeed.JUDGES, size * EvaluationSeed.JUDGES, (System.nanoTime() - t) / 1e9);
            }
            seed.createIndexesAndAnalyze();
            report.line("seeding, index builds and ANALYZE took %.1f s; traces table holds %d rows",
                    (System.nanoTime() - start) / 1e9, sql.number("SELECT count(*) FROM traces.traces"));
            long marks = sql.number("SELECT count(*) FROM traces.run_summary_marks");
            long folding = System.nanoTime();
            seed.releaseSummaryFolds();
            seed.awaitSummaryFolds();
            report.line("trace-service's summary folder took in the bulk load's %d summary marks in %.1f s", marks,
                    (System.nanoTime() - folding) / 1e9);

            Map<String, String> urls = new LinkedHashMap<>();
            for (int size : sizes) {
                String url = stack.traceService().url("/api/v1/evaluations/" + runId(size) + "/traces?page_size=");
                check(Http.get(url + PAGE).expect(200).json(), size);
                urls.put("first page, run of " + size, url + PAGE);
                String token = tokenAt(url, size / 2);
                urls.put("page at row " + size / 2 + ", run of " + size, url + PAGE + "&page_token=" + token);
            }
            Map<String, Stats> stats = measureInTurns(urls, samples);
            stats.forEach((figure, s) -> report.figure(NAME, figure, s.toString()));
            for (int size : sizes) {
                report.figure(NAME, "of which the exact total (run counter), run of " + size,
                        totalQuery(sql, size, samples / 4).toString());
            }
            for (int size : sizes) {
                String summary = stack.traceService().url("/api/v1/evaluations/" + runId(size) + "/summary");
                report.figure(NAME, "run summary, first request (kept sums), run of " + size,
                        timed(summary, 0, 1).toString());
                report.figure(NAME, "run summary, later requests, run of " + size,
                        timed(summary, 5, samples / 4).toString());
                checkSummary(Http.get(summary).expect(200).json(), size);
            }
            List<Stats> all = new ArrayList<>(stats.values());
            int smallest = sizes.get(0);
            int largest = sizes.get(sizes.size() - 1);
            String ratio = "p50(" + largest + ") / p50(" + smallest + ")";
            report.ratio(NAME, "first page " + ratio, all.get(all.size() - 2).p50(), all.get(0).p50(), "1.0 = flat");
            report.ratio(NAME, "deep page " + ratio, all.get(all.size() - 1).p50(), all.get(1).p50(), "1.0 = flat");
        }
    }

    static String runId(int size) {
        return "bench-eval-" + size;
    }

    private static void check(JsonNode page, int size) {
        if (page.path("total").asLong() != size || page.path("traces").size() != Math.min(PAGE, size)) {
            throw new IllegalStateException("unexpected page for a run of " + size + ": total "
                    + page.path("total") + ", " + page.path("traces").size() + " rows");
        }
        for (JsonNode row : page.path("traces")) {
            if (row.path("assessments").size() != EvaluationSeed.JUDGES) {
                throw new IllegalStateException("row without its " + EvaluationSeed.JUDGES + " feedback: " + row);
            }
        }
    }

    /** Every scorer of the seed counted once per evaluated trace, every judge call priced at the seed's cost. */
    private static void checkSummary(JsonNode summary, int size) {
        BigDecimal cost = EvaluationSeed.JUDGE_COST.multiply(BigDecimal.valueOf((long) size * EvaluationSeed.JUDGES));
        boolean exact = summary.path("traces").asLong() == size
                && summary.path("scorers").size() == EvaluationSeed.JUDGES
                && summary.path("judge_cost").path("cost_status").asText().equals("PRICED")
                && summary.path("judge_cost").path("total_cost").decimalValue().compareTo(cost) == 0;
        for (JsonNode scorer : summary.path("scorers")) {
            exact &= scorer.path("count").asLong() == size;
        }
        if (!exact) {
            throw new IllegalStateException("unexpected summary for a run of " + size + ": " + summary);
        }
    }

    /** 20 warm-up requests per URL, then {@code samples} each, one request per URL in turn (same noise for all). */
    private static Map<String, Stats> measureInTurns(Map<String, String> urls, int samples) {
        Map<String, List<Long>> nanos = new LinkedHashMap<>();
        urls.keySet().forEach(k -> nanos.put(k, new ArrayList<>()));
        for (int i = -20; i < samples; i++) {
            for (Map.Entry<String, String> url : urls.entrySet()) {
                long n = Http.get(url.getValue()).expect(200).nanos();
                if (i >= 0) {
                    nanos.get(url.getKey()).add(n);
                }
            }
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        nanos.forEach((k, v) -> stats.put(k, Stats.ofNanos(v)));
        return stats;
    }

    /** {@code samples} GETs of one URL after {@code warmUps} untimed ones. */
    private static Stats timed(String url, int warmUps, int samples) {
        List<Long> nanos = new ArrayList<>();
        for (int i = -warmUps; i < samples; i++) {
            long n = Http.get(url).expect(200).nanos();
            if (i >= 0) {
                nanos.add(n);
            }
        }
        return Stats.ofNanos(nanos);
    }

    /** The page's total as trace-service reads it (RunListCountRepository's counters query), timed over JDBC. */
    private static Stats totalQuery(Sql sql, int size, int samples) {
        String count = "SELECT COALESCE(sum(delta), 0)::bigint AS listed"
                + " FROM traces.run_list_counts WHERE run_id = '" + runId(size) + "'";
        List<Long> nanos = new ArrayList<>();
        for (int i = -5; i < samples; i++) {
            long start = System.nanoTime();
            sql.number(count);
            if (i >= 0) {
                nanos.add(System.nanoTime() - start);
            }
        }
        return Stats.ofNanos(nanos);
    }

    /** Follows next_page_token in pages of 500 until {@code row} rows lie before the token. */
    private static String tokenAt(String url, int row) {
        String token = null;
        int seen = 0;
        int pageSize = Math.min(500, Math.max(PAGE, row));
        while (seen < row || token == null) {
            JsonNode page = Http.get(url + pageSize + (token == null ? "" : "&page_token=" + token)).expect(200).json();
            seen += page.path("traces").size();
            token = page.path("next_page_token").asText(null);
            if (token == null || token.isEmpty()) {
                throw new IllegalStateException("the list ended after " + seen + " rows");
            }
        }
        return token;
    }

    private EvaluationListBench() {
    }
}
