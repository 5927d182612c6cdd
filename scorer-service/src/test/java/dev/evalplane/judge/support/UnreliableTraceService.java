package dev.evalplane.judge.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.evalplane.testsupport.UnreliableHttpService;

/**
 * A real HTTP server in the place of trace-service ({@link UnreliableHttpService}): {@code /api/v1/traces/tr-slow*}
 * answers after 2 s, {@code tr-missing*} is 404, {@code tr-flaky*} is 503 twice and then answers; run summaries are 503
 * while {@link #down} is set. Its config gives scorer-service short timeouts, two retries and a circuit breaker that
 * opens after 10 failed attempts in a row.
 */
public class UnreliableTraceService extends UnreliableHttpService {

    public static final Requests REQUESTS = new Requests();
    public static final AtomicBoolean down = new AtomicBoolean();

    public UnreliableTraceService() {
        super(REQUESTS);
    }

    @Override
    protected Map<String, String> config(String url) {
        return Map.of("evalplane.trace-service.url", url,
                "evalplane.trace-service.calls.timeout", "300ms",
                "evalplane.trace-service.summary-timeout", "300ms",
                "evalplane.trace-service.calls.retries", "2",
                "evalplane.trace-service.calls.retry-delay", "20ms",
                "evalplane.trace-service.calls.breaker-volume", "10",
                "evalplane.trace-service.calls.breaker-failure-ratio", "1.0",
                "evalplane.trace-service.calls.breaker-delay", "1s");
    }

    @Override
    protected Reply reply(Request request) {
        String path = request.path();
        String trace = "{\"info\": {}, \"spans\": []}";
        if (path.startsWith("/api/v1/traces/tr-slow")) {
            return Reply.json(200, trace).after(Duration.ofSeconds(2));
        } else if (path.startsWith("/api/v1/traces/tr-missing")) {
            return Reply.json(404, "{\"detail\": \"no such trace\"}");
        } else if (path.startsWith("/api/v1/traces/tr-flaky")) {
            return request.seen() <= 2 ? Reply.json(503, "{}") : Reply.json(200, trace);
        } else if (path.endsWith("/summary")) {
            return Reply.json(down.get() ? 503 : 200, "{\"judge_cost\": {\"total_cost\": \"0.5\"}}");
        }
        return Reply.json(404, "{}");
    }
}
