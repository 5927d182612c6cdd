package dev.evalplane.events;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A {@code spans} record read for what pricing needs, without building its content: {@code attributes},
 * {@code inputs}, {@code outputs} and {@code events} are checked for the same shape {@link SpanEvent} requires
 * (an object, any JSON value, an array; anything else goes through SpanEvent's own deserializer, so it fails or is
 * coerced exactly as there) and skipped token by token. The parser still reads every token, so malformed JSON and
 * the stream limits (nesting depth, number length) fail here as they fail in a full read.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SpanCallView(int schemaVersion, String traceId, String spanId, String parentSpanId, String name,
        String spanType, long startTimeNs, long endTimeNs, SpanStatus status,
        @JsonDeserialize(using = SkipObject.class) Object attributes, @JsonDeserialize(using = SkipAny.class) Object inputs,
        @JsonDeserialize(using = SkipAny.class) Object outputs, @JsonDeserialize(using = SkipArray.class) Object events,
        String experimentId, Map<String, String> traceTags, Map<String, String> traceMetadata, LlmCall llm) {

    /** The span without its content (attributes, inputs, outputs and events null). */
    SpanEvent toSpanEvent() {
        return new SpanEvent(schemaVersion, traceId, spanId, parentSpanId, name, spanType, startTimeNs, endTimeNs,
                status, null, null, null, null, experimentId, traceTags, traceMetadata, llm);
    }

    /** Skips an object; another value is read as {@code Map<String, JsonNode>} would be. */
    static final class SkipObject extends JsonDeserializer<Object> {
        private static final TypeReference<Map<String, JsonNode>> TYPE = new TypeReference<>() {
        };

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.START_OBJECT) {
                p.skipChildren();
                return null;
            }
            ctxt.readValue(p, ctxt.getTypeFactory().constructType(TYPE));
            return null;
        }
    }

    /** Skips an array; another value is read as {@code List<JsonNode>} would be. */
    static final class SkipArray extends JsonDeserializer<Object> {
        private static final TypeReference<List<JsonNode>> TYPE = new TypeReference<>() {
        };

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.START_ARRAY) {
                p.skipChildren();
                return null;
            }
            ctxt.readValue(p, ctxt.getTypeFactory().constructType(TYPE));
            return null;
        }
    }

    /** Skips any JSON value (a {@code JsonNode} accepts them all). */
    static final class SkipAny extends JsonDeserializer<Object> {
        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            p.skipChildren();
            return null;
        }
    }
}
