package dev.evalplane.judge.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** When a claim whose trace trace-service has not stored yet is read again. */
class OnlineRetryDelayTests {

    private static final Instant COMPLETED = Instant.parse("2026-12-01T03:00:00Z");
    private static final Duration POLL = Duration.ofMillis(250);

    private static Duration delayAt(long millisAfterCompletion) {
        return OnlineTraceScorer.retryDelay(COMPLETED, COMPLETED.plusMillis(millisAfterCompletion), POLL);
    }

    @Test
    void aThirdOfTheTimeSinceTheTraceCompletedBetweenPollEveryAndTenSeconds() {
        assertThat(delayAt(6_000)).isEqualTo(Duration.ofSeconds(2));
        assertThat(delayAt(300)).isEqualTo(POLL);
        assertThat(delayAt(-5_000)).isEqualTo(POLL);
        assertThat(delayAt(3_600_000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aTraceStoredSixSecondsAfterItCompletedIsReadWithinAThirdOfThatAndTwentyReadsSpanTwoMinutes() {
        List<Long> reads = new ArrayList<>();
        long at = 2_000;
        for (int read = 0; read < 20; read++) {
            reads.add(at);
            at += delayAt(at).toMillis();
        }
        long firstAfterStored = reads.stream().filter(r -> r >= 6_000).findFirst().orElseThrow();
        assertThat(firstAfterStored).isLessThanOrEqualTo(6_000 + 6_000 / 3);
        assertThat(reads.get(19)).isBetween(110_000L, 140_000L);
    }
}
