package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link SpanValidation#validate}, one at a time: the span just inside the rule passes, the span just
 * outside it is refused with its own reason (the reason a dead-lettered record carries and the door answers).
 */
class SpanValidationRulesTests {

    private static final String TRACE = "tr-0123456789abcdef0123456789abcdef";
    private static final String SPAN = "0123456789abcdef";
    private static final long START = 1_767_225_600_000_000_000L;

    private static SpanEvent span(UnaryOperator<Builder> change) {
        return change.apply(new Builder()).build();
    }

    @Test
    void spansJustInsideEveryRulePass() {
        List<SpanEvent> valid = List.of(
                span(b -> b),
                span(b -> b.parent(null)),
                span(b -> b.parent("")),
                span(b -> b.parent("FEDCBA9876543210")),
                span(b -> b.end(0)),
                span(b -> b.end(START)),
                span(b -> b.start(1).end(1)),
                span(b -> b.experiment(null)),
                span(b -> b.experiment("e".repeat(SpanValidation.MAX_ID_LENGTH))),
                span(b -> b.metadata(Map.of(MlflowKeys.SOURCE_RUN, "r".repeat(SpanValidation.MAX_ID_LENGTH)))),
                span(b -> b.metadata(null)),
                span(b -> b.status(null)),
                span(b -> b.status(new SpanStatus(null, null))),
                span(b -> b.status(new SpanStatus("ERROR", "boom"))),
                span(b -> b.status(new SpanStatus("UNSET", null))),
                span(b -> b.llm(null)),
                span(b -> b.llm(new LlmCall("openai", "m", null))),
                span(b -> b.usage(new TokenUsage(0L, SpanValidation.MAX_TOKENS, null, null, null, null, null))),
                span(b -> b.usage(new TokenUsage(null, null, 0L, 0L, 0L, 0L, SpanValidation.MAX_TOKENS))));
        for (SpanEvent span : valid) {
            assertThat(SpanValidation.validate(span)).as(span.toString()).isSameAs(span);
        }
    }

    @Test
    void aSpanJustOutsideARuleIsRefusedWithThatRulesReason() {
        refused(null, "the record is empty (JSON null)");
        refused(span(b -> b.trace(null)), "trace_id is missing");
        refused(span(b -> b.trace("0123456789abcdef0123456789abcdef")),
                "trace_id must be \"tr-\" + 32 hex characters, got \"0123456789abcdef0123456789abcdef\"");
        refused(span(b -> b.span("0123456789abcde")), "span_id must be 16 hex characters, got \"0123456789abcde\"");
        refused(span(b -> b.span(null)), "span_id must be 16 hex characters, got null");
        refused(span(b -> b.parent("0123456789abcdeg")),
                "parent_span_id must be null or 16 hex characters, got \"0123456789abcdeg\"");
        refused(span(b -> b.parent("0123456789ABCDEF")), "a span cannot be its own parent");
        refused(span(b -> b.experiment("e".repeat(SpanValidation.MAX_ID_LENGTH + 1))),
                "experiment_id must be at most 256 characters, got 257");
        refused(span(b -> b.metadata(Map.of(MlflowKeys.SOURCE_RUN, "r".repeat(SpanValidation.MAX_ID_LENGTH + 1)))),
                "trace metadata mlflow.sourceRun (the run id) must be at most 256 characters, got 257");
        refused(span(b -> b.start(0).end(0)), "start_time_ns must be a positive epoch nanosecond count");
        refused(span(b -> b.end(START - 1)), "end_time_ns must be 0 (still running) or not before start_time_ns");
        refused(span(b -> b.status(new SpanStatus("ok", null))), "status.code must be OK, ERROR or UNSET, got \"ok\"");
        refused(span(b -> b.usage(new TokenUsage(-1L, 5L, null, null, null, null, null))),
                "llm.usage token counts must be between 0 and 1000000000000, got -1");
        refused(span(b -> b.usage(new TokenUsage(1L, 5L, null, null, null, null, SpanValidation.MAX_TOKENS + 1))),
                "llm.usage token counts must be between 0 and 1000000000000, got 1000000000001");
        refused(span(b -> b.usage(new TokenUsage(1L, 5L, null, null, null, -2L, null))),
                "llm.usage token counts must be between 0 and 1000000000000, got -2");
        String longId = "x".repeat(100);
        refused(span(b -> b.span(longId)), "span_id must be 16 hex characters, got \"" + "x".repeat(80) + "…\"");
    }

    private static void refused(SpanEvent span, String reason) {
        assertThatThrownBy(() -> SpanValidation.validate(span)).as(reason).isInstanceOf(InvalidRecordException.class)
                .hasMessage(reason);
    }

    /** A valid LLM span, one field changed at a time. */
    private static final class Builder {
        private String trace = TRACE;
        private String span = SPAN;
        private String parent = "fedcba9876543210";
        private long start = START;
        private long end = START + 1;
        private SpanStatus status = SpanStatus.OK;
        private String experiment = "7";
        private Map<String, String> metadata = Map.of("m", "w");
        private LlmCall llm = new LlmCall("openai", "gpt-4.1-mini", TokenUsage.of(10, 5));

        Builder trace(String value) {
            trace = value;
            return this;
        }

        Builder span(String value) {
            span = value;
            return this;
        }

        Builder parent(String value) {
            parent = value;
            return this;
        }

        Builder start(long value) {
            start = value;
            return this;
        }

        Builder end(long value) {
            end = value;
            return this;
        }

        Builder status(SpanStatus value) {
            status = value;
            return this;
        }

        Builder experiment(String value) {
            experiment = value;
            return this;
        }

        Builder metadata(Map<String, String> value) {
            metadata = value;
            return this;
        }

        Builder llm(LlmCall value) {
            llm = value;
            return this;
        }

        Builder usage(TokenUsage value) {
            llm = new LlmCall("openai", "gpt-4.1-mini", value);
            return this;
        }

        SpanEvent build() {
            return new SpanEvent(SpanEvent.SCHEMA_VERSION, trace, span, parent, "chat", "LLM", start, end, status,
                    Map.of(), null, null, List.of(), experiment, null, metadata, llm);
        }
    }
}
