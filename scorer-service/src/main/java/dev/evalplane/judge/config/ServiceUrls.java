package dev.evalplane.judge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Base URLs of the sibling services (docs/SERVICE_API.md). */
public final class ServiceUrls {

    @ConfigMapping(prefix = "evalplane.trace-service")
    public interface TraceService {
        @WithDefault("http://localhost:8083")
        String url();
    }

    @ConfigMapping(prefix = "evalplane.cost-service")
    public interface CostService {
        @WithDefault("http://localhost:8082")
        String url();
    }

    private ServiceUrls() {
    }
}
