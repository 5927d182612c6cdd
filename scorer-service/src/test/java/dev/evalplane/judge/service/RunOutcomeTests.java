package dev.evalplane.judge.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.judge.domain.RunOutcome;
import dev.evalplane.judge.domain.RunProgress;

class RunOutcomeTests {

    private static RunProgress progress(int rows, int rowsFailed, int calls, int failed, int budgetSkips,
            Map<String, Integer> reasons) {
        return new RunProgress(rows, rows, rowsFailed, calls, failed, calls, budgetSkips, 0, 0, 0, reasons,
                Map.of("trace not found in trace-service", rowsFailed), 0, Map.of());
    }

    @Test
    void aRunThatLostRowsIsFailedNotCompleted() {
        RunProgress lost = new RunProgress(2, 2, 0, 2, 0, 2, 0, 0, 0, 0, Map.of(), Map.of(), 1,
                Map.of("could not write to Kafka topic spans: RecordTooLargeException", 1));
        RunOutcome o = RunOutcome.of(lost, null, false);
        assertThat(RunOutcome.message(o.status(), o.error())).isEqualTo("FAILED: 1 of 2 rows lost spans or feedback that"
                + " could not be written to Kafka, so the results are incomplete: could not write to Kafka topic spans:"
                + " RecordTooLargeException");
    }

    @Test
    void partialProviderFailureCompletesAndSaysSo() {
        RunOutcome o = RunOutcome.of(progress(3, 0, 9, 3, 0, Map.of("provider returned 503", 3)), null, false);
        assertThat(RunOutcome.message(o.status(), o.error()))
                .isEqualTo("COMPLETED: 3 of 9 judge calls failed: provider returned 503");
    }

    @Test
    void everyCallFailingFailsTheRunWithReasonsByCount() {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        reasons.put("unparseable verdict", 1);
        reasons.put("provider returned 503", 5);
        RunOutcome o = RunOutcome.of(progress(2, 0, 6, 6, 0, reasons), null, false);
        assertThat(o.status()).isEqualTo("FAILED");
        assertThat(o.error()).isEqualTo("all 6 judge calls failed: provider returned 503 (5), unparseable verdict (1)");
    }

    @Test
    void budgetStopIsReported() {
        RunOutcome o = RunOutcome.of(progress(5, 0, 2, 0, 8, Map.of()), new BigDecimal("0.0015"), false);
        assertThat(o.status()).isEqualTo("COMPLETED");
        assertThat(o.error()).isEqualTo("budget of $0.0015 reached: 8 judgements not run (BUDGET_EXCEEDED)");
    }

    @Test
    void unreadableRowsFailTheRunWhenNoneCouldBeRead() {
        RunOutcome o = RunOutcome.of(progress(2, 2, 0, 0, 0, Map.of()), null, false);
        assertThat(o.status()).isEqualTo("FAILED");
        assertThat(o.error()).isEqualTo("all 2 rows failed: trace not found in trace-service");
    }

    @Test
    void cleanRunHasNoError() {
        RunOutcome o = RunOutcome.of(progress(3, 0, 9, 0, 0, Map.of()), null, false);
        assertThat(RunOutcome.message(o.status(), o.error())).isEqualTo("COMPLETED");
    }
}
