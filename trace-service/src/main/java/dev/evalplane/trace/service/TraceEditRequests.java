package dev.evalplane.trace.service;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.events.http.Trace;

/** Request and response bodies of the trace edit routes. */
public final class TraceEditRequests {

    /** PATCH /api/v1/traces/{trace_id}/tags. */
    public record TagEdit(Map<String, String> set, List<String> delete) {
    }

    /** POST /api/v1/traces/delete: trace_ids, or experiment_id with max_timestamp_ms (and max_traces). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delete(List<String> traceIds, String experimentId, Long maxTimestampMs, Integer maxTraces) {
    }

    public record Deleted(int deleted) {
    }

    /** POST /api/v1/traces/batch-get. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BatchGet(List<String> traceIds) {
    }

    public record Traces(List<Trace> traces) {
    }

    private TraceEditRequests() {
    }
}
