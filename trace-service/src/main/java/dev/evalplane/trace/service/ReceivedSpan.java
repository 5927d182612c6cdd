package dev.evalplane.trace.service;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.StorableSpan;

/**
 * A span read from the {@code spans} topic (its content as JSON text for the json columns, {@link StorableSpan}), and
 * whether its record is the pipeline's own (scorer-service's mark, {@code events} {@code PipelineRecords}); every
 * other record (the OTLP door's, any other producer's) is a client's.
 */
public record ReceivedSpan(StorableSpan stored, boolean fromPipeline) {

    /** The span's fields without its content. */
    public SpanEvent span() {
        return stored.span();
    }

    /**
     * What the trace row needs of the span: a root span with its inputs and outputs as trees (the trace's request and
     * response previews), any other span as it is.
     */
    public SpanEvent forTraceRow() {
        SpanEvent s = stored.span();
        if (!s.isRoot()) {
            return s;
        }
        return new SpanEvent(s.schemaVersion(), s.traceId(), s.spanId(), s.parentSpanId(), s.name(), s.spanType(),
                s.startTimeNs(), s.endTimeNs(), s.status(), null, stored.inputsTree(), stored.outputsTree(), null,
                s.experimentId(), s.traceTags(), s.traceMetadata(), s.llm());
    }

    /** The run this pipeline span puts its trace in (metadata {@code mlflow.sourceRun}), or null. */
    public String pipelineRun() {
        SpanEvent s = stored.span();
        if (!fromPipeline || s.traceMetadata() == null) {
            return null;
        }
        String run = s.traceMetadata().get(MlflowKeys.SOURCE_RUN);
        return run == null || run.isBlank() ? null : run;
    }
}
