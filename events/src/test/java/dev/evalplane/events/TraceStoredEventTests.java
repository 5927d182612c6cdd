package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The announcement of a stored trace: what it carries of the root span, and the records that go to its DLQ. */
class TraceStoredEventTests {

    private static final String TRACE = "tr-fedcba9876543210fedcba9876543210";

    private static SpanEvent root(Map<String, String> tags) {
        return new SpanEvent(SpanEvent.SCHEMA_VERSION, TRACE, "1a2b3c4d5e6f7a8b", null, "agent", "CHAIN", 1_000L,
                2_000L, SpanStatus.OK, Map.of(), null, null, List.of(), "7", tags, null, null);
    }

    @Test
    void carriesTheRootsEndAndWhetherItIsAJudgeTraceAndReadsBack() throws Exception {
        Instant stored = Instant.parse("2026-12-01T20:00:00.456Z");
        TraceStoredEvent app = TraceStoredEvent.of(root(Map.of("team", "a")), "7", stored);
        TraceStoredEvent judge = TraceStoredEvent.of(root(Map.of(MlflowKeys.SOURCE_SCORER_TAG, "polite")), "7", stored);

        assertThat(app.judgeTrace()).isFalse();
        assertThat(judge.judgeTrace()).isTrue();
        assertThat(app.rootEndTimeNs()).isEqualTo(2_000L);
        assertThat(TraceStoredEvent.read(EventJson.mapper().writeValueAsBytes(judge))).isEqualTo(judge);
        assertThat(new String(EventJson.mapper().writeValueAsBytes(app), StandardCharsets.UTF_8))
                .contains("\"root_end_time_ns\":2000", "\"judge_trace\":false", "\"stored_at\":\"2026-12-01T20:00:00.456Z\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not json", "null", "[]", "{\"trace_id\": \"tr-1\"}",
            "{\"trace_id\": \"tr-fedcba9876543210fedcba9876543210\", \"experiment_id\": \"\", \"root_end_time_ns\": 5,"
                    + " \"stored_at\": \"2026-12-01T20:00:00Z\"}",
            "{\"trace_id\": \"tr-fedcba9876543210fedcba9876543210\", \"experiment_id\": \"7\", \"root_end_time_ns\": 0,"
                    + " \"stored_at\": \"2026-12-01T20:00:00Z\"}",
            "{\"trace_id\": \"tr-fedcba9876543210fedcba9876543210\", \"experiment_id\": \"7\", \"root_end_time_ns\": 5}",
            "{\"trace_id\": \"tr-fedcba9876543210fedcba9876543210\", \"experiment_id\": \"7\", \"root_end_time_ns\": 5,"
                    + " \"stored_at\": \"yesterday\"}" })
    void recordsThatAreNotAValidEventAreRefusedWithAReason(String value) {
        assertThatThrownBy(() -> TraceStoredEvent.read(value.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidRecordException.class).hasMessageMatching(".+");
    }

    @Test
    void aRecordWithoutValueIsRefused() {
        assertThatThrownBy(() -> TraceStoredEvent.read(null)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("no value");
    }
}
