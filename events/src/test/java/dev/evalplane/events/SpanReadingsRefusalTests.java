package dev.evalplane.events;

import static dev.evalplane.events.SpanRecords.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/**
 * The partial readings ({@link SpanValidation#readCall}, {@link SpanValidation#readStorable}) refuse exactly the records
 * the full reading ({@link SpanValidation#read}) refuses; the storable reading gives the same reason.
 */
class SpanReadingsRefusalTests {

    @Test
    void everyReadingRefusesTheSameRecordsForTheSameReason() {
        for (String record : SpanRecords.refused()) {
            Throwable full = catchThrowable(() -> SpanValidation.read(bytes(record)));
            assertThat(full).as(record).isInstanceOf(InvalidRecordException.class);
            assertThat(catchThrowable(() -> SpanValidation.readCall(record))).as(record)
                    .isInstanceOf(InvalidRecordException.class);
            assertThat(catchThrowable(() -> SpanValidation.readStorable(bytes(record)))).as(record)
                    .isInstanceOf(InvalidRecordException.class).hasMessage(full.getMessage());
        }
    }

    @Test
    void nullEventsAreNotARefusal() {
        String nullEvents = SpanRecords.VALID.replace("\"events\":[{\"name\":\"e\"}, null]", "\"events\":null");
        String traceId = SpanValidation.read(nullEvents).traceId();
        assertThat(SpanValidation.readCall(nullEvents).traceId()).isEqualTo(traceId);
        assertThat(SpanValidation.readStorable(bytes(nullEvents)).span().traceId()).isEqualTo(traceId);
    }

    @Test
    void aSpanWithoutExperimentIsNotARefusal() {
        String noExperiment = SpanRecords.VALID.replace("\"experiment_id\":\"7\",", "");
        assertThat(noExperiment).isNotEqualTo(SpanRecords.VALID);
        assertThat(SpanValidation.read(noExperiment).experimentId()).as("stored in the default experiment").isNull();
        assertThat(SpanValidation.readCall(noExperiment).experimentId()).isNull();
        assertThat(SpanValidation.readStorable(bytes(noExperiment)).span().experimentId()).isNull();
    }
}
