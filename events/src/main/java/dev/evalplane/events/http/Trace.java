package dev.evalplane.events.http;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A trace with its spans ({@code GET /api/v1/traces/{trace_id}}). */
@Schema(description = "A trace: its info and its spans")
public record Trace(TraceInfo info, List<Span> spans) {
}
