package dev.evalplane.events;

/** Kafka topic names (CONTRACTS.md). Every record is keyed by the trace id it belongs to. */
public final class Topics {
    public static final String SPANS = "spans";
    public static final String ASSESSMENTS = "assessments";
    public static final String TRACE_COSTS = "trace-costs";
    public static final String DLQ_SUFFIX = "-dlq";

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }

    private Topics() {
    }
}
