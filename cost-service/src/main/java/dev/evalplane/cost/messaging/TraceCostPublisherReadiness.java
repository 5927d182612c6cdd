package dev.evalplane.cost.messaging;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Readiness of the {@code trace-costs} producer ({@link TraceCostPublisher}), which is not a messaging channel and so
 * not in the connector's own health checks (as the channel it replaced was): down while the producer has no
 * connection to the broker (aggregates are then stored but not published, and the span consumer soon waits).
 */
@Readiness
@ApplicationScoped
public class TraceCostPublisherReadiness implements HealthCheck {

    public static final String NAME = "trace-costs-publisher";

    private final TraceCostPublisher publisher;

    public TraceCostPublisherReadiness(TraceCostPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(publisher.connected())
                .withData("client-id", TraceCostPublisher.CLIENT_ID).build();
    }
}
