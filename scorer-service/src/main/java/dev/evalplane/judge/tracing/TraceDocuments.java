package dev.evalplane.judge.tracing;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.SpanEvent;

/**
 * A trace this service emitted (a data row's own trace) in trace-service's {@code {info, spans}} shape, so judges,
 * judge tools and code scorers read data rows and stored traces the same way.
 */
public final class TraceDocuments {

    public static JsonNode of(List<SpanEvent> spans) {
        ObjectNode doc = EventJson.mapper().createObjectNode();
        ObjectNode info = doc.putObject("info");
        ArrayNode out = doc.putArray("spans");
        for (SpanEvent span : spans) {
            out.add(EventJson.mapper().<JsonNode>valueToTree(span));
            if (span.isRoot()) {
                info.put("trace_id", span.traceId());
                info.put("experiment_id", span.experimentId());
                info.put("state", "ERROR".equals(span.status().code()) ? "ERROR" : "OK");
                info.put("execution_duration_ms", (span.endTimeNs() - span.startTimeNs()) / 1_000_000);
                info.put("request_preview", preview(span.inputs()));
                info.put("response_preview", preview(span.outputs()));
                info.set("trace_metadata", EventJson.mapper().valueToTree(span.traceMetadata()));
                info.set("tags", EventJson.mapper().valueToTree(span.traceTags()));
            }
        }
        info.putArray("assessments");
        return doc;
    }

    /** MLflow's OSS preview: the JSON of the root span's inputs or outputs, at most 1000 characters. */
    public static String preview(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private TraceDocuments() {
    }
}
