package dev.evalplane.trace.service;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;

/**
 * A span read from the {@code spans} topic, and whether its record is the pipeline's own (scorer-service's mark,
 * {@code events} {@code PipelineRecords}); every other record (the OTLP door's, any other producer's) is a client's.
 */
public record ReceivedSpan(SpanEvent span, boolean fromPipeline) {

    /** The run this pipeline span puts its trace in (metadata {@code mlflow.sourceRun}), or null. */
    public String pipelineRun() {
        if (!fromPipeline || span.traceMetadata() == null) {
            return null;
        }
        String run = span.traceMetadata().get(MlflowKeys.SOURCE_RUN);
        return run == null || run.isBlank() ? null : run;
    }
}
