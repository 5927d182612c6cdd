package dev.evalplane.trace.service;

import java.util.List;

import dev.evalplane.events.http.Trace;

/**
 * Response bodies of the trace edit routes; their request bodies are events' {@code TagEdit},
 * {@code TraceDeleteRequest} and {@code TraceBatchGetRequest}, which the gateway writes.
 */
public final class TraceEditRequests {

    public record Deleted(int deleted) {
    }

    public record Traces(List<Trace> traces) {
    }

    private TraceEditRequests() {
    }
}
