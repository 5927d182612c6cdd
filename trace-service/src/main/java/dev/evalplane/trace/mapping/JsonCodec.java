package dev.evalplane.trace.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * JSON in and out of PostgreSQL: jsonb goes over the wire as text and is parsed with the application's ObjectMapper,
 * so decimals stay exact (the Vert.x JSON codec would turn them into doubles).
 */
@ApplicationScoped
public class JsonCodec {

    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** JSON text of a value; null (and JSON null) stay SQL NULL. */
    public String write(Object value) {
        if (value == null || (value instanceof JsonNode node && node.isNull())) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    public Map<String, String> stringMap(String json) {
        if (json == null) {
            return new LinkedHashMap<>();
        }
        try {
            return mapper.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON map is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
