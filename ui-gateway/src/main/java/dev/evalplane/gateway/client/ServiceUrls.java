package dev.evalplane.gateway.client;

import java.time.Duration;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/** Where the services behind the gateway listen, and how long the gateway waits for them. */
@ApplicationScoped
public class ServiceUrls {

    private final String traceServiceUrl;
    private final String scorerServiceUrl;
    private final String costServiceUrl;
    private final Duration timeout;

    public ServiceUrls(
            @ConfigProperty(name = "evalplane.trace-service.url", defaultValue = "http://localhost:8083") String traceServiceUrl,
            @ConfigProperty(name = "evalplane.scorer-service.url", defaultValue = "http://localhost:8081") String scorerServiceUrl,
            @ConfigProperty(name = "evalplane.cost-service.url", defaultValue = "http://localhost:8082") String costServiceUrl,
            @ConfigProperty(name = "evalplane.gateway.upstream-timeout", defaultValue = "30s") Duration timeout) {
        this.traceServiceUrl = traceServiceUrl;
        this.scorerServiceUrl = scorerServiceUrl;
        this.costServiceUrl = costServiceUrl;
        this.timeout = timeout;
    }

    /** The absolute URL of a path (with its query) on a service. */
    public String url(Upstream upstream, String pathAndQuery) {
        return switch (upstream) {
            case TRACE_SERVICE -> traceServiceUrl;
            case SCORER_SERVICE -> scorerServiceUrl;
            case COST_SERVICE -> costServiceUrl;
        } + pathAndQuery;
    }

    public Duration timeout() {
        return timeout;
    }
}
