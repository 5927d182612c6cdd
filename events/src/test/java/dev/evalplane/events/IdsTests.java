package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTests {

    @Test
    void derivedIdsAreDeterministicAndWellFormed() {
        assertThat(Ids.traceId("run-1", "row-3", "judge")).isEqualTo(Ids.traceId("run-1", "row-3", "judge"));
        assertThat(Ids.traceId("run-1", "row-3", "judge")).isNotEqualTo(Ids.traceId("run-1", "row-4", "judge"));
        assertThat(Ids.isTraceId(Ids.traceId("x"))).isTrue();
        assertThat(Ids.isTraceId(Ids.newTraceId())).isTrue();
        assertThat(Ids.spanId("a")).hasSize(16);
        assertThat(Ids.isTraceId("tr-xyz")).isFalse();
    }

    @Test
    void partsAreSeparatedSoConcatenationDoesNotCollide() {
        assertThat(Ids.assessmentId("ab", "c")).isNotEqualTo(Ids.assessmentId("a", "bc"));
    }

    @Test
    void costStatusCombinesParts() {
        assertThat(CostStatus.PRICED.combine(CostStatus.PRICED)).isEqualTo(CostStatus.PRICED);
        assertThat(CostStatus.PRICED.combine(CostStatus.UNPRICED)).isEqualTo(CostStatus.PARTIALLY_PRICED);
        assertThat(CostStatus.NO_USAGE.combine(CostStatus.UNPRICED)).isEqualTo(CostStatus.UNPRICED);
        assertThat(CostStatus.UNPRICED.combine(CostStatus.NO_USAGE)).isEqualTo(CostStatus.UNPRICED);
    }
}
