package dev.evalplane.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code spans} record read for storing ({@link SpanValidation#readStorable}): the validated span without its
 * content (attributes, inputs, outputs and events null in {@link #span()}), and that content as JSON text ready for
 * {@code json} columns: {@code attributes} {@code "{}"} when absent, {@code events} {@code "[]"} when absent,
 * {@code inputs} and {@code outputs} null when absent or JSON null. The texts are the record's own when nothing in
 * them needs cleaning, otherwise those of the cleaned trees ({@link StoredText}); either way they hold the same JSON
 * values the full reading ({@link SpanValidation#read}) gives.
 */
public record StorableSpan(SpanEvent span, String attributes, String inputs, String outputs, String events) {

    /** The storable form of a fully read (cleaned and validated) span. */
    public static StorableSpan of(SpanEvent full) {
        SpanEvent span = new SpanEvent(full.schemaVersion(), full.traceId(), full.spanId(), full.parentSpanId(),
                full.name(), full.spanType(), full.startTimeNs(), full.endTimeNs(), full.status(), null, null, null, null,
                full.experimentId(), full.traceTags(), full.traceMetadata(), full.llm());
        return new StorableSpan(span, full.attributes() == null ? "{}" : write(full.attributes()), write(full.inputs()),
                write(full.outputs()), full.events() == null ? "[]" : write(full.events()));
    }

    /** {@code inputs} as a tree (null when absent), e.g. for a trace's request preview. */
    public JsonNode inputsTree() {
        return tree(inputs);
    }

    /** {@code outputs} as a tree (null when absent). */
    public JsonNode outputsTree() {
        return tree(outputs);
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? null : EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON text is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value) {
        if (value == null || (value instanceof JsonNode node && node.isNull())) {
            return null;
        }
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
