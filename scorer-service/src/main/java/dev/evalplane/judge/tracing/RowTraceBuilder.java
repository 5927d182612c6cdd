package dev.evalplane.judge.tracing;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanStatus;
import dev.evalplane.judge.domain.RowSource;

/**
 * The trace of a data row, so every evaluated row is a trace: one CHAIN root span {@code root_span} with the row's
 * inputs and outputs and metadata {@code mlflow.sourceRun} (MLflow's harness does the same for rows without a
 * trace), or the row's own trace cloned into the run ({@link ProvidedTrace}). Trace id
 * {@code Ids.traceId(runId, "row", index)}.
 */
public final class RowTraceBuilder {

    public static final String ROOT_SPAN_NAME = "root_span";

    public static String traceId(String runId, int index) {
        return Ids.traceId(runId, "row", String.valueOf(index));
    }

    public static String rootSpanId(String traceId) {
        return Ids.spanId(traceId, "root");
    }

    /** The row's spans: its own trace when given, else the one root span; the root comes last, as in judge traces. */
    public static List<SpanEvent> spans(String runId, String experimentId, int index, RowSource.DataRow row,
            long nowNs) {
        if (row.trace() == null) {
            return List.of(rootSpan(runId, experimentId, index, row.inputs(), row.outputs(), nowNs));
        }
        List<SpanEvent> spans = ProvidedTrace.spans(row.trace(), traceId(runId, index), experimentId,
                metadata(runId, index), row.inputs(), row.outputs(), nowNs);
        return spans.stream().sorted((a, b) -> Boolean.compare(a.isRoot(), b.isRoot())).toList();
    }

    public static SpanEvent rootSpan(String runId, String experimentId, int index, JsonNode inputs, JsonNode outputs,
            long startNs) {
        String traceId = traceId(runId, index);
        return new SpanEvent(SpanEvent.SCHEMA_VERSION, traceId, rootSpanId(traceId), null, ROOT_SPAN_NAME, "CHAIN",
                startNs, startNs, SpanStatus.OK, SpanAttributes.ofType("CHAIN"), inputs, outputs, List.of(),
                experimentId, Map.of(), metadata(runId, index), null);
    }

    private static Map<String, String> metadata(String runId, int index) {
        return Map.of(MlflowKeys.SOURCE_RUN, runId, "evalplane.rowIndex", String.valueOf(index));
    }

    private RowTraceBuilder() {
    }
}
