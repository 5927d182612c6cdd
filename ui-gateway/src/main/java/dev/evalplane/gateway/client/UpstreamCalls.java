package dev.evalplane.gateway.client;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the gateway calls the services behind it (SmallRye Fault Tolerance, one circuit breaker per service): each
 * attempt is bounded by {@code timeout}; a GET the service did not answer (refused, reset, timed out) is tried again up
 * to {@code retries} times after {@code retry-delay}, no other method is; once {@code breaker-failure-ratio} of a
 * service's last {@code breaker-volume} calls went unanswered, its calls fail at once for {@code breaker-delay}. At
 * most {@code max-connections} connections per service are open (Vert.x's default of 5 queued every further call,
 * and a call that timed out keeps its connection until the service answers).
 */
@ConfigMapping(prefix = "evalplane.gateway.upstream")
public interface UpstreamCalls {

    @WithDefault("30s")
    Duration timeout();

    @WithDefault("1")
    int retries();

    @WithDefault("200ms")
    Duration retryDelay();

    @WithDefault("20")
    int breakerVolume();

    @WithDefault("0.5")
    double breakerFailureRatio();

    @WithDefault("5s")
    Duration breakerDelay();

    @WithDefault("100")
    int maxConnections();
}
