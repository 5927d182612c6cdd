package dev.evalplane.judge.domain;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where an evaluation's rows come from: exactly one of data rows, trace ids, or a trace filter. */
public sealed interface RowSource permits RowSource.DataRows, RowSource.TraceIds, RowSource.TraceFilter {

    /** {@code data}, {@code trace_ids} or {@code filter_string}, as in the request. */
    String kind();

    /** A data row; {@code trace} is the row's own trace ({@code {spans: [...]}}) when one was given, else null. */
    record DataRow(JsonNode inputs, JsonNode outputs, ObjectNode expectations, JsonNode trace) {
    }

    record DataRows(List<DataRow> rows) implements RowSource {
        public String kind() {
            return "data";
        }
    }

    record TraceIds(List<String> ids) implements RowSource {
        public String kind() {
            return "trace_ids";
        }
    }

    record TraceFilter(String filter) implements RowSource {
        public String kind() {
            return "filter_string";
        }
    }
}
