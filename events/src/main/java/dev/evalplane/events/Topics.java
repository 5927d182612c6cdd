package dev.evalplane.events;

import java.util.List;
import java.util.stream.Stream;

/** Kafka topic names (CONTRACTS.md). Every record is keyed by the trace id it belongs to. */
public final class Topics {
    public static final String SPANS = "spans";
    public static final String ASSESSMENTS = "assessments";
    public static final String TRACE_COSTS = "trace-costs";
    /** trace-service's announcement of each stored ended root span ({@link TraceStoredEvent}): a completed trace. */
    public static final String TRACES_STORED = "traces-stored";
    public static final String DLQ_SUFFIX = "-dlq";
    /** The pipeline's topics, without their dead-letter topics. */
    public static final List<String> PIPELINE = List.of(SPANS, ASSESSMENTS, TRACE_COSTS, TRACES_STORED);

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Every topic a broker needs before the services start: the pipeline's and their dead-letter topics. */
    public static List<String> all() {
        return Stream.concat(PIPELINE.stream(), PIPELINE.stream().map(Topics::deadLetter)).toList();
    }

    private Topics() {
    }
}
