package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link SpanValidation#readCall} refuses exactly what {@link SpanValidation#read} refuses, with the same reason. */
class SpanCallReadingTests {

    private static final String VALID = """
            {"schema_version":1,"trace_id":"tr-0123456789abcdef0123456789abcdef","span_id":"0123456789abcdef",
             "parent_span_id":null,"name":"chat","span_type":"LLM","start_time_ns":1767225600000000000,
             "end_time_ns":1767225600900000000,"status":{"code":"OK"},
             "attributes":{"a":1,"b":{"c":[1,2,{"d":"e"}]}},"inputs":{"q":"x"},"outputs":"y","events":[{"name":"e"}],
             "experiment_id":"7","trace_tags":{"t":"v"},"trace_metadata":{"m":"w"},
             "llm":{"provider":"open\\u0000ai","model":"gpt-4.1-mini","usage":{"input_tokens":10,"output_tokens":5}}}
            """;

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

    @Test
    void bothReadingsRefuseTheSameRecordsForTheSameReason() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        List<String> records = List.of(
                VALID.replace("\"attributes\":{\"a\":1,\"b\":{\"c\":[1,2,{\"d\":\"e\"}]}}", "\"attributes\":[\"x\"]"),
                VALID.replace("\"attributes\":{\"a\":1,\"b\":{\"c\":[1,2,{\"d\":\"e\"}]}}", "\"attributes\":\"x\""),
                VALID.replace("\"events\":[{\"name\":\"e\"}]", "\"events\":{\"name\":\"e\"}"),
                VALID.replace("\"inputs\":{\"q\":\"x\"}", "\"inputs\":" + deep),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":{\"y\":broken}"),
                VALID.replace("\"trace_id\":\"tr-0123456789abcdef0123456789abcdef\"", "\"trace_id\":12"),
                VALID.replace("\"span_id\":\"0123456789abcdef\"", "\"span_id\":\"0123\""),
                VALID.replace("\"input_tokens\":10", "\"input_tokens\":-1"),
                "null", "[]", "", "{\"trace_id\": broken");
        for (String record : records) {
            Throwable full = catchThrowable(() -> SpanValidation.read(record));
            Throwable call = catchThrowable(() -> SpanValidation.readCall(record));
            assertThat(full).as(record).isInstanceOf(InvalidRecordException.class);
            assertThat(call).as(record).isInstanceOf(InvalidRecordException.class);
        }
        String noExperiment = VALID.replace("\"experiment_id\":\"7\",", "");
        assertThat(SpanValidation.read(noExperiment).experimentId()).as("no experiment: stored in the default one")
                .isNull();
        assertThat(SpanValidation.readCall(noExperiment).experimentId()).isNull();
        String scalarEvents = VALID.replace("\"events\":[{\"name\":\"e\"}]", "\"events\":null");
        assertThat(SpanValidation.readCall(scalarEvents).traceId()).isEqualTo(SpanValidation.read(scalarEvents).traceId());
    }
}
