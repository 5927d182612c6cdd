package dev.evalplane.judge.domain;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.tracing.TraceView;

/**
 * One thing an evaluation judges: a trace (a data row's own trace, or a stored one) with the root span's inputs and
 * outputs, its expectations, its retrieval spans and the whole trace in trace-service's {@code {info, spans}} shape
 * (read by the judge tools and the code scorers).
 */
public record EvalRow(int index, String traceId, String rootSpanId, JsonNode inputs, JsonNode outputs,
        ObjectNode expectations, List<RetrievedContext> retrievals, JsonNode trace) {

    public TraceView traceView() {
        return TraceView.of(trace);
    }

    public boolean hasOutputs() {
        return outputs != null && !outputs.isNull() && !outputs.isMissingNode();
    }

    public boolean hasInputs() {
        return inputs != null && !inputs.isNull() && !inputs.isMissingNode();
    }
}
