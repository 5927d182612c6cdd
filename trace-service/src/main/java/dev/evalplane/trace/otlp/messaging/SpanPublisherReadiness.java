package dev.evalplane.trace.otlp.messaging;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Readiness of the OTLP door's Kafka producer ({@link SpanPublisher}), which is not a messaging channel and so not in
 * the connector's own health checks: down while the producer has no connection to the broker (every export would
 * then wait and answer 503).
 */
@Readiness
@ApplicationScoped
public class SpanPublisherReadiness implements HealthCheck {

    public static final String NAME = "otlp-span-publisher";

    private final SpanPublisher publisher;

    public SpanPublisherReadiness(SpanPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(publisher.connected())
                .withData("client-id", SpanPublisher.CLIENT_ID).build();
    }
}
