package dev.evalplane.events;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Span records the reading tests share: one valid record and records every reading must refuse. */
final class SpanRecords {

    static final String VALID = """
            {"schema_version":1,"trace_id":"tr-0123456789abcdef0123456789abcdef","span_id":"0123456789abcdef",
             "parent_span_id":null,"name":"chat","span_type":"LLM","start_time_ns":1767225600000000000,
             "end_time_ns":1767225600900000000,"status":{"code":"OK"},
             "attributes":{"a": 1, "b":{"c":[1,2.50,{"d":"é \\u00e9 😀 \\ud83d\\ude00"}]}, "n": null},
             "inputs":{"q" : "x"},"outputs":"y","events":[{"name":"e"}, null],
             "experiment_id":"7","trace_tags":{"t":"v"},"trace_metadata":{"m":"w"},
             "llm":{"provider":"open\\u0000ai","model":"gpt-4.1-mini","usage":{"input_tokens":10,"output_tokens":5}}}
            """;

    /** Records that {@link SpanValidation#read} refuses: wrong shapes, too deep, broken JSON, invalid ids and usage. */
    static List<String> refused() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        return List.of(
                VALID.replace("\"attributes\":{", "\"attributes\":[\"x\"],\"ignored\":{"),
                VALID.replace("\"attributes\":{", "\"attributes\":\"x\",\"ignored\":{"),
                VALID.replace("\"events\":[{\"name\":\"e\"}, null]", "\"events\":{\"name\":\"e\"}"),
                VALID.replace("\"inputs\":{\"q\" : \"x\"}", "\"inputs\":" + deep),
                VALID.replace("\"outputs\":\"y\"", "\"outputs\":{\"y\":broken}"),
                VALID.replace("\"trace_id\":\"tr-0123456789abcdef0123456789abcdef\"", "\"trace_id\":12"),
                VALID.replace("\"span_id\":\"0123456789abcdef\"", "\"span_id\":\"0123\""),
                VALID.replace("\"input_tokens\":10", "\"input_tokens\":-1"),
                "null", "[]", "", "{\"trace_id\": broken");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private SpanRecords() {
    }
}
