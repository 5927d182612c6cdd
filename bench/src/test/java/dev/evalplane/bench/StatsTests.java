package dev.evalplane.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class StatsTests {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        List<Long> millis = new ArrayList<>();
        for (long i = 1; i <= 200; i++) {
            millis.add(i);
        }
        Collections.shuffle(millis);
        Stats stats = Stats.ofMillis(millis);
        assertThat(stats.count()).isEqualTo(200);
        assertThat(stats.p50()).isEqualTo(100.0);
        assertThat(stats.p95()).isEqualTo(190.0);
        assertThat(stats.p99()).isEqualTo(198.0);
        assertThat(stats.max()).isEqualTo(200.0);
    }

    @Test
    void oneSampleIsEveryPercentileAndNoSampleIsAnError() {
        Stats one = Stats.ofNanos(List.of(2_500_000L));
        assertThat(one.p50()).isEqualTo(2.5);
        assertThat(one.p99()).isEqualTo(2.5);
        assertThatThrownBy(() -> Stats.ofNanos(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
