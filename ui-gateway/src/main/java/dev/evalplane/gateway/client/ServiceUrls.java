package dev.evalplane.gateway.client;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/** Where the services behind the gateway listen ({@link UpstreamCalls}: how they are called). */
@ApplicationScoped
public class ServiceUrls {

    private final String traceServiceUrl;
    private final String scorerServiceUrl;
    private final String costServiceUrl;

    public ServiceUrls(
            @ConfigProperty(name = "evalplane.trace-service.url", defaultValue = "http://localhost:8083") String traceServiceUrl,
            @ConfigProperty(name = "evalplane.scorer-service.url", defaultValue = "http://localhost:8081") String scorerServiceUrl,
            @ConfigProperty(name = "evalplane.cost-service.url", defaultValue = "http://localhost:8082") String costServiceUrl) {
        this.traceServiceUrl = traceServiceUrl;
        this.scorerServiceUrl = scorerServiceUrl;
        this.costServiceUrl = costServiceUrl;
    }

    /** The absolute URL of a path (with its query) on a service. */
    public String url(Upstream upstream, String pathAndQuery) {
        return switch (upstream) {
            case TRACE_SERVICE -> traceServiceUrl;
            case SCORER_SERVICE -> scorerServiceUrl;
            case COST_SERVICE -> costServiceUrl;
        } + pathAndQuery;
    }
}
