package dev.evalplane.support.json;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.EventJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Applies the events' JSON rules (exact decimals, ISO instants) to Quarkus' ObjectMapper, for HTTP and Kafka. */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
