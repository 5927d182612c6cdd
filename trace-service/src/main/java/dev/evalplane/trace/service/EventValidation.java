package dev.evalplane.trace.service;

import java.util.Set;
import java.util.regex.Pattern;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.TraceCostEvent;

/** The rules a record from Kafka must meet before it is stored; a broken one goes to the DLQ with the reason. */
public final class EventValidation {

    public static final Pattern SPAN_ID = Pattern.compile("[0-9a-fA-F]{16}");
    public static final Set<String> ASSESSMENT_TYPES = Set.of(AssessmentEvent.FEEDBACK, AssessmentEvent.EXPECTATION);
    private static final Set<String> STATUS_CODES = Set.of("OK", "ERROR", "UNSET");

    public static SpanEvent span(SpanEvent span) {
        require(span != null, "the record is empty (JSON null)");
        traceId(span.traceId());
        require(span.spanId() != null && SPAN_ID.matcher(span.spanId()).matches(),
                "span_id must be 16 hex characters, got " + quote(span.spanId()));
        require(span.parentSpanId() == null || span.parentSpanId().isEmpty()
                || SPAN_ID.matcher(span.parentSpanId()).matches(),
                "parent_span_id must be null or 16 hex characters, got " + quote(span.parentSpanId()));
        require(span.parentSpanId() == null || !span.parentSpanId().equalsIgnoreCase(span.spanId()),
                "a span cannot be its own parent");
        require(span.startTimeNs() > 0, "start_time_ns must be a positive epoch nanosecond count");
        require(span.endTimeNs() == 0 || span.endTimeNs() >= span.startTimeNs(),
                "end_time_ns must be 0 (still running) or not before start_time_ns");
        require(span.status() == null || span.status().code() == null || STATUS_CODES.contains(span.status().code()),
                "status.code must be OK, ERROR or UNSET, got " + quote(span.status() == null ? null : span.status().code()));
        return span;
    }

    public static AssessmentEvent assessment(AssessmentEvent event) {
        require(event != null, "the record is empty (JSON null)");
        require(notBlank(event.assessmentId()), "assessment_id is missing");
        traceId(event.traceId());
        require(notBlank(event.name()), "name is missing");
        require(ASSESSMENT_TYPES.contains(event.assessmentType()),
                "assessment_type must be FEEDBACK or EXPECTATION, got " + quote(event.assessmentType()));
        require(!event.assessmentId().equals(event.overrides()), "an assessment cannot override itself");
        return event;
    }

    public static TraceCostEvent traceCost(TraceCostEvent event) {
        require(event != null, "the record is empty (JSON null)");
        traceId(event.traceId());
        require(event.version() >= 0, "version must not be negative");
        require(event.costStatus() != null, "cost_status is missing");
        if (event.spans() != null) {
            for (SpanCost span : event.spans()) {
                require(span != null && notBlank(span.spanId()), "every spans[] entry needs a span_id");
            }
        }
        return event;
    }

    private static void traceId(String traceId) {
        require(traceId != null, "trace_id is missing");
        require(Ids.isTraceId(traceId), "trace_id must be \"tr-\" + 32 hex characters, got " + quote(traceId));
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static void require(boolean ok, String detail) {
        if (!ok) {
            throw new ValidationException(detail);
        }
    }

    private EventValidation() {
    }
}
