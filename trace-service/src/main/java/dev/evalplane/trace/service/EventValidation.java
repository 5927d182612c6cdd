package dev.evalplane.trace.service;

import java.util.Set;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.support.error.InvalidInputException;

/**
 * The rules an assessments or trace-costs record must meet before it is stored; a broken one goes to the DLQ with the
 * reason. Spans records: {@code events} {@code SpanValidation}, shared with cost-service.
 */
public final class EventValidation {

    public static final Set<String> ASSESSMENT_TYPES = Set.of(AssessmentEvent.FEEDBACK, AssessmentEvent.EXPECTATION);

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
            throw new InvalidInputException(detail);
        }
    }

    private EventValidation() {
    }
}
