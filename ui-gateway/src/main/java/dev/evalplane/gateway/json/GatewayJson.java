package dev.evalplane.gateway.json;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.EventJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The events' JSON rules ({@link EventJson#configure}) on the gateway's ObjectMapper. The gateway does not use
 * service-support: its exception mappers are for the services, and RESTEasy Reactive registers
 * {@code @ServerExceptionMapper} methods even of a bean a build condition leaves out (the gateway then answered 204 to
 * unknown paths); its errors keep their own problem+json or MLflow shape ({@code client.ErrorShape}).
 */
@Singleton
public class GatewayJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
    }
}
