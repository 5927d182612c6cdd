package dev.evalplane.trace.domain;

import java.util.List;

/** A trace with its spans (GET /api/v1/traces/{trace_id}). */
public record Trace(TraceInfo info, List<Span> spans) {
}
