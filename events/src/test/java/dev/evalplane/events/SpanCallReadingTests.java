package dev.evalplane.events;

import static dev.evalplane.events.SpanRecords.VALID;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link SpanValidation#readCall} reads a span as {@link SpanValidation#read} does, without its content. */
class SpanCallReadingTests {

    @Test
    void aValidSpanReadsTheSameExceptItsContent() {
        SpanEvent full = SpanValidation.read(VALID);
        SpanEvent call = SpanValidation.readCall(VALID);
        assertThat(call.attributes()).isNull();
        assertThat(call.inputs()).isNull();
        assertThat(call.outputs()).isNull();
        assertThat(call.events()).isNull();
        assertThat(call).isEqualTo(new SpanEvent(full.schemaVersion(), full.traceId(), full.spanId(), full.parentSpanId(),
                full.name(), full.spanType(), full.startTimeNs(), full.endTimeNs(), full.status(), null, null, null, null,
                full.experimentId(), full.traceTags(), full.traceMetadata(), full.llm()));
        assertThat(call.llm().provider()).isEqualTo("open\uFFFDai");
    }
}
