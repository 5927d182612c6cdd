package dev.evalplane.gateway.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.evalplane.testsupport.UnreliableHttpService;

/**
 * A real HTTP server in the place of scorer-service, cost-service and trace-service ({@link UnreliableHttpService}):
 * every request to a path containing {@code slow} answers after 2 s (a price request only while {@link #hanging} is
 * set). Its config gives the gateway a 300 ms timeout, one retry of a GET, a breaker that opens after 6 unanswered
 * calls in a row and at most {@value #MAX_CONNECTIONS} connections per service.
 */
public class SlowServices extends UnreliableHttpService {

    static final int MAX_CONNECTIONS = 8;
    static final Requests REQUESTS = new Requests();
    static final AtomicBoolean hanging = new AtomicBoolean(true);

    public SlowServices() {
        super(REQUESTS);
    }

    @Override
    protected Map<String, String> config(String url) {
        return Map.of("evalplane.scorer-service.url", url, "evalplane.cost-service.url", url,
                "evalplane.trace-service.url", url,
                "evalplane.gateway.upstream.max-connections", String.valueOf(MAX_CONNECTIONS),
                "evalplane.gateway.upstream.timeout", "300ms",
                "evalplane.gateway.upstream.retries", "1",
                "evalplane.gateway.upstream.retry-delay", "20ms",
                "evalplane.gateway.upstream.breaker-volume", "6",
                "evalplane.gateway.upstream.breaker-failure-ratio", "1.0",
                "evalplane.gateway.upstream.breaker-delay", "1s");
    }

    @Override
    protected Reply reply(Request request) {
        Reply ok = Reply.json(200, "{\"ok\": true}");
        boolean slow = request.uri().contains("slow") && (!request.path().startsWith("/api/v1/prices") || hanging.get());
        return slow ? ok.after(Duration.ofSeconds(2)) : ok;
    }
}
