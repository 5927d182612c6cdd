package dev.evalplane.judge.tracing;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanStatus;

/**
 * The trace of a data row, so every evaluated row is a trace: one CHAIN root span {@code root_span} with the row's
 * inputs and outputs and metadata {@code mlflow.sourceRun} (MLflow's harness does the same for rows without a
 * trace). Trace id {@code Ids.traceId(runId, "row", index)}.
 */
public final class RowTraceBuilder {

    public static final String ROOT_SPAN_NAME = "root_span";

    public static String traceId(String runId, int index) {
        return Ids.traceId(runId, "row", String.valueOf(index));
    }

    public static String rootSpanId(String traceId) {
        return Ids.spanId(traceId, "root");
    }

    public static SpanEvent rootSpan(String runId, String experimentId, int index, JsonNode inputs, JsonNode outputs,
            long startNs) {
        String traceId = traceId(runId, index);
        return new SpanEvent(SpanEvent.SCHEMA_VERSION, traceId, rootSpanId(traceId), null, ROOT_SPAN_NAME, "CHAIN",
                startNs, startNs, SpanStatus.OK, SpanAttributes.ofType("CHAIN"), inputs, outputs, List.of(),
                experimentId, Map.of(), Map.of(MlflowKeys.SOURCE_RUN, runId, "evalplane.rowIndex", String.valueOf(index)),
                null);
    }

    private RowTraceBuilder() {
    }
}
