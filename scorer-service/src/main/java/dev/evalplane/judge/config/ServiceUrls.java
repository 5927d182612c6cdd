package dev.evalplane.judge.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sibling services: base URLs (docs/SERVICE_API.md) and how they are called. */
public final class ServiceUrls {

    @ConfigMapping(prefix = "evalplane.trace-service")
    public interface TraceService {
        @WithDefault("http://localhost:8083")
        String url();

        /** Reads of traces, searches and run summaries. */
        ServiceCalls calls();

        /** A run page's summary: short, the page falls back to scorer-service's own token counters. */
        @WithDefault("3s")
        Duration summaryTimeout();
    }

    @ConfigMapping(prefix = "evalplane.cost-service")
    public interface CostService {
        @WithDefault("http://localhost:8082")
        String url();

        ServiceCalls calls();

        /** A price look-up: short, a budget estimate falls back to a built-in conservative price. */
        @WithDefault("3s")
        Duration priceTimeout();
    }

    /**
     * How a sibling service is called (SmallRye Fault Tolerance): each attempt is bounded by {@code timeout}; a failed
     * read (unreachable, timed out, 5xx) is retried up to {@code retries} times after {@code retry-delay}; once
     * {@code breaker-failure-ratio} of the last {@code breaker-volume} calls failed, calls fail at once for
     * {@code breaker-delay} instead of waiting on a service that is down.
     */
    public interface ServiceCalls {
        @WithDefault("10s")
        Duration timeout();

        @WithDefault("2")
        int retries();

        @WithDefault("200ms")
        Duration retryDelay();

        @WithDefault("20")
        int breakerVolume();

        @WithDefault("0.5")
        double breakerFailureRatio();

        @WithDefault("5s")
        Duration breakerDelay();
    }

    private ServiceUrls() {
    }
}
