package dev.evalplane.trace.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.trace.service.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;

/** Parses request bodies ourselves, so malformed JSON gets a problem+json answer naming the error. */
@ApplicationScoped
public class JsonBody {

    private final ObjectMapper mapper;

    public JsonBody(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JsonNode parse(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new ValidationException("the request needs a JSON body");
        }
        return mapper.readTree(body);
    }
}
