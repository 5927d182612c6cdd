package dev.evalplane.trace.otlp.messaging;

/** One SpanEvent ready for the {@code spans} topic: keyed by its trace id, the JSON value as UTF-8 bytes. */
public record SpanRecord(String traceId, String spanId, byte[] json) {
}
