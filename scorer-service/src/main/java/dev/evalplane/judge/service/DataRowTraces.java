package dev.evalplane.judge.service;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.domain.RowSource;
import dev.evalplane.judge.tracing.RowTraceBuilder;
import dev.evalplane.judge.tracing.TraceDocuments;

/**
 * A data row as the spans of its own trace and as the row the scorers read: the row's inputs, outputs and
 * expectations win over the root span's; retrieval spans and the whole trace come from its trace.
 */
public final class DataRowTraces {

    public record Built(List<SpanEvent> spans, EvalRow row) {
    }

    public static Built build(String runId, String experimentId, int index, RowSource.DataRow data, long nowNs) {
        List<SpanEvent> spans = RowTraceBuilder.spans(runId, experimentId, index, data, nowNs);
        JsonNode doc = TraceDocuments.of(spans);
        String traceId = RowTraceBuilder.traceId(runId, index);
        EvalRow stored = StoredTraceRows.toRow(index, traceId, doc);
        ObjectNode expectations = data.expectations() == null ? JsonNodeFactory.instance.objectNode() : data.expectations();
        EvalRow row = new EvalRow(index, traceId, stored.rootSpanId(), data.inputs() != null ? data.inputs() : stored.inputs(),
                data.outputs() != null ? data.outputs() : stored.outputs(), expectations, stored.retrievals(), doc);
        return new Built(spans, row);
    }

    private DataRowTraces() {
    }
}
