package dev.evalplane.trace.otlp.messaging;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;

import dev.evalplane.events.LlmCall;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanStatus;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.trace.mapping.LlmCallText;

/**
 * A {@link SpanEvent} as the JSON bytes of a {@code spans} record, written field by field: the same bytes as
 * {@code ObjectMapper.writeValueAsBytes(event)} (same names and order, nulls written where the bean serializer writes
 * them and left out where {@code NON_NULL} leaves them out; SpanEventJsonTests compares the two), without the bean
 * serializer's reflective accessor calls and per-value serializer look-ups (the door's largest serializing cost,
 * bench/RESULTS.md). The JSON values (attributes, inputs, outputs, events) are written by the nodes themselves with
 * the mapper's generator and serialization settings, as the bean serializer does. Change it together with
 * {@link SpanEvent}, {@link SpanStatus}, {@link LlmCall} and {@link TokenUsage}.
 */
public final class SpanEventJson {

    private final ObjectMapper json;

    public SpanEventJson(ObjectMapper json) {
        this.json = json;
    }

    public byte[] write(SpanEvent event) {
        try (Writer writer = writer()) {
            return writer.write(event);
        }
    }

    /** A writer of many spans' records (a request's), one after the other. */
    public Writer writer() {
        return new Writer();
    }

    /**
     * One generator over one buffer for many records, each record cut from the buffer as it is written: no generator,
     * context and buffer set up per span. Root values are written without a separator, so each record's bytes are
     * those of a generator of its own.
     */
    public final class Writer implements AutoCloseable {

        private final ByteArrayBuilder bytes = new ByteArrayBuilder(2048);
        private final JsonGenerator out;
        private final SerializerProvider provider = json.getSerializerProviderInstance();

        private Writer() {
            try {
                out = json.createGenerator(bytes).setRootValueSeparator(null);
            } catch (IOException e) {
                throw new IllegalStateException("no JSON generator", e);
            }
        }

        public byte[] write(SpanEvent event) {
            try {
                SpanEventJson.write(event, out, provider);
                out.flush();
                byte[] record = bytes.toByteArray();
                bytes.reset();
                return record;
            } catch (IOException e) {
                throw new IllegalStateException("SpanEvent is not serializable", e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new IllegalStateException("JSON generator not closed", e);
            }
        }
    }

    private static void write(SpanEvent event, JsonGenerator out, SerializerProvider provider) throws IOException {
        out.writeStartObject();
        out.writeNumberField("schema_version", event.schemaVersion());
        text(out, "trace_id", event.traceId());
        text(out, "span_id", event.spanId());
        text(out, "parent_span_id", event.parentSpanId());
        text(out, "name", event.name());
        text(out, "span_type", event.spanType());
        out.writeNumberField("start_time_ns", event.startTimeNs());
        out.writeNumberField("end_time_ns", event.endTimeNs());
        out.writeFieldName("status");
        status(out, event.status());
        out.writeFieldName("attributes");
        nodes(out, provider, event.attributes());
        out.writeFieldName("inputs");
        node(out, provider, event.inputs());
        out.writeFieldName("outputs");
        node(out, provider, event.outputs());
        out.writeFieldName("events");
        nodes(out, provider, event.events());
        text(out, "experiment_id", event.experimentId());
        out.writeFieldName("trace_tags");
        texts(out, event.traceTags());
        out.writeFieldName("trace_metadata");
        texts(out, event.traceMetadata());
        out.writeFieldName("llm");
        llm(out, event.llm());
        out.writeEndObject();
    }

    private static void text(JsonGenerator out, String name, String value) throws IOException {
        out.writeFieldName(name);
        out.writeString(value);
    }

    /** {@code NON_NULL}: a null message is left out. */
    private static void status(JsonGenerator out, SpanStatus status) throws IOException {
        if (status == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        presentText(out, "code", status.code());
        presentText(out, "message", status.message());
        out.writeEndObject();
    }

    /** {@code NON_NULL}: null parts are left out ({@link LlmCallText}). */
    private static void llm(JsonGenerator out, LlmCall llm) throws IOException {
        if (llm == null) {
            out.writeNull();
        } else {
            LlmCallText.write(out, llm);
        }
    }

    private static void presentText(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }

    private static void texts(JsonGenerator out, Map<String, String> values) throws IOException {
        if (values == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            text(out, entry.getKey(), entry.getValue());
        }
        out.writeEndObject();
    }

    private static void nodes(JsonGenerator out, SerializerProvider provider, Map<String, JsonNode> values)
            throws IOException {
        if (values == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
            out.writeFieldName(entry.getKey());
            node(out, provider, entry.getValue());
        }
        out.writeEndObject();
    }

    private static void nodes(JsonGenerator out, SerializerProvider provider, List<JsonNode> values)
            throws IOException {
        if (values == null) {
            out.writeNull();
            return;
        }
        out.writeStartArray();
        for (JsonNode value : values) {
            node(out, provider, value);
        }
        out.writeEndArray();
    }

    private static void node(JsonGenerator out, SerializerProvider provider, JsonNode value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            value.serialize(out, provider);
        }
    }
}
