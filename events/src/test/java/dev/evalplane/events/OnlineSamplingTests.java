package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OnlineSamplingTests {

    private static List<String> traces(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Ids.traceId("sampling", String.valueOf(i)));
        }
        return ids;
    }

    @Test
    void theSameTraceAndScorerAlwaysGetTheSameAnswer() {
        for (String id : traces(200)) {
            assertThat(OnlineSampling.selects(id, "safety", 0.3)).isEqualTo(OnlineSampling.selects(id, "safety", 0.3));
            assertThat(OnlineSampling.fraction(id, "safety")).isEqualTo(OnlineSampling.fraction(id, "safety"))
                    .isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        }
    }

    @Test
    void selectsAboutTheRateAndARaisedRateKeepsWhatTheLowerChose() {
        List<String> ids = traces(10_000);
        long tenth = ids.stream().filter(id -> OnlineSampling.selects(id, "safety", 0.1)).count();
        assertThat(tenth).isBetween(850L, 1150L);
        assertThat(ids.stream().filter(id -> OnlineSampling.selects(id, "safety", 0.1))
                .allMatch(id -> OnlineSampling.selects(id, "safety", 0.5))).isTrue();
        assertThat(ids.stream().allMatch(id -> OnlineSampling.selects(id, "safety", 1.0))).isTrue();
    }

    @Test
    void scorersSampleIndependently() {
        List<String> ids = traces(10_000);
        long both = ids.stream().filter(id -> OnlineSampling.selects(id, "safety", 0.5)
                && OnlineSampling.selects(id, "relevance", 0.5)).count();
        assertThat(both).isBetween(2250L, 2750L);
    }
}
