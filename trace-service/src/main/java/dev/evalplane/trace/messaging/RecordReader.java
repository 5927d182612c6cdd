package dev.evalplane.trace.messaging;

import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.support.error.InvalidInputException;

/** Parses a String payload with the application's ObjectMapper into an event, then validates it. */
final class RecordReader<T> implements Function<String, T> {

    private final ObjectMapper mapper;
    private final Class<T> type;
    private final UnaryOperator<T> validation;

    RecordReader(ObjectMapper mapper, Class<T> type, UnaryOperator<T> validation) {
        this.mapper = mapper;
        this.type = type;
        this.validation = validation;
    }

    @Override
    public T apply(String payload) {
        if (payload == null) {
            throw new InvalidInputException("the record has no value");
        }
        try {
            return validation.apply(mapper.readValue(payload, type));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("not a valid " + type.getSimpleName() + " JSON document: "
                    + e.getOriginalMessage());
        }
    }
}
