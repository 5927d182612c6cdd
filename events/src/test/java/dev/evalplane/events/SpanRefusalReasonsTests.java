package dev.evalplane.events;

import static dev.evalplane.events.SpanRecords.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Each of {@link SpanValidation#validate}'s rules refuses with its own reason (the reason a dead-lettered record
 * carries), and a valid span passes every rule: one record per rule, each breaking only that rule.
 */
class SpanRefusalReasonsTests {

    @Test
    void eachRuleGivesItsReason() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("null", "the record is empty (JSON null)");
        reasons.put(VALID.replace("\"trace_id\":\"tr-0123456789abcdef0123456789abcdef\",", ""), "trace_id is missing");
        reasons.put(VALID.replace("tr-0123456789abcdef0123456789abcdef", "tr-0123"),
                "trace_id must be \"tr-\" + 32 hex characters, got \"tr-0123\"");
        reasons.put(VALID.replace("\"span_id\":\"0123456789abcdef\"", "\"span_id\":\"xyz\""),
                "span_id must be 16 hex characters, got \"xyz\"");
        reasons.put(VALID.replace("\"parent_span_id\":null", "\"parent_span_id\":\"p\""),
                "parent_span_id must be null or 16 hex characters, got \"p\"");
        reasons.put(VALID.replace("\"parent_span_id\":null", "\"parent_span_id\":\"0123456789ABCDEF\""),
                "a span cannot be its own parent");
        reasons.put(VALID.replace("\"experiment_id\":\"7\"", "\"experiment_id\":\"" + "e".repeat(257) + "\""),
                "experiment_id must be at most 256 characters, got 257");
        reasons.put(VALID.replace("\"trace_metadata\":{\"m\":\"w\"}",
                "\"trace_metadata\":{\"mlflow.sourceRun\":\"" + "r".repeat(300) + "\"}"),
                "trace metadata mlflow.sourceRun (the run id) must be at most 256 characters, got 300");
        reasons.put(VALID.replace("\"start_time_ns\":1767225600000000000", "\"start_time_ns\":0"),
                "start_time_ns must be a positive epoch nanosecond count");
        reasons.put(VALID.replace("\"end_time_ns\":1767225600900000000", "\"end_time_ns\":5"),
                "end_time_ns must be 0 (still running) or not before start_time_ns");
        reasons.put(VALID.replace("{\"code\":\"OK\"}", "{\"code\":\"BROKEN\"}"),
                "status.code must be OK, ERROR or UNSET, got \"BROKEN\"");
        reasons.put(VALID.replace("\"output_tokens\":5", "\"output_tokens\":-5"),
                "llm.usage token counts must be between 0 and 1000000000000, got -5");
        reasons.forEach((record, reason) -> {
            assertThat(record).isNotEqualTo(VALID);
            assertThat(catchThrowable(() -> SpanValidation.read(record))).as(record)
                    .isInstanceOf(InvalidRecordException.class).hasMessage(reason);
        });
        assertThat(SpanValidation.read(VALID).traceId()).isEqualTo("tr-0123456789abcdef0123456789abcdef");
        assertThat(SpanValidation.read(VALID.replace("\"end_time_ns\":1767225600900000000", "\"end_time_ns\":0"))
                .endTimeNs()).as("still running").isZero();
    }
}
