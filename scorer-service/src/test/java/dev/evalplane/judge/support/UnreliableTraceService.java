package dev.evalplane.judge.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server in the place of trace-service, standing in for network conditions (not for trace-service's
 * logic): {@code /api/v1/traces/tr-slow*} answers after 2 s, {@code tr-missing*} is 404, {@code tr-flaky*} is 503
 * twice and then answers; run summaries are 503 while {@link #down} is set. Counts the requests per path. Its config
 * gives scorer-service short timeouts, two retries and a circuit breaker that opens after 10 failed attempts in a row.
 */
public class UnreliableTraceService implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    public static final AtomicBoolean down = new AtomicBoolean();

    private HttpServer server;
    private ExecutorService threads;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads = Executors.newFixedThreadPool(16);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        return Map.of("evalplane.trace-service.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "evalplane.trace-service.calls.timeout", "300ms",
                "evalplane.trace-service.summary-timeout", "300ms",
                "evalplane.trace-service.calls.retries", "2",
                "evalplane.trace-service.calls.retry-delay", "20ms",
                "evalplane.trace-service.calls.breaker-volume", "10",
                "evalplane.trace-service.calls.breaker-failure-ratio", "1.0",
                "evalplane.trace-service.calls.breaker-delay", "1s");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int seen = REQUESTS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        if (path.startsWith("/api/v1/traces/tr-slow")) {
            sleep(2000); // a service that does not answer in time
            send(exchange, 200, "{\"info\": {}, \"spans\": []}");
        } else if (path.startsWith("/api/v1/traces/tr-missing")) {
            send(exchange, 404, "{\"detail\": \"no such trace\"}");
        } else if (path.startsWith("/api/v1/traces/tr-flaky")) {
            send(exchange, seen <= 2 ? 503 : 200, seen <= 2 ? "{}" : "{\"info\": {}, \"spans\": []}");
        } else if (path.endsWith("/summary")) {
            send(exchange, down.get() ? 503 : 200, "{\"judge_cost\": {\"total_cost\": \"0.5\"}}");
        } else {
            send(exchange, 404, "{}");
        }
    }

    public static int requests(String path) {
        AtomicInteger count = REQUESTS.get(path);
        return count == null ? 0 : count.get();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the caller gave up (its timeout): nothing to answer
        } finally {
            exchange.close();
        }
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        server.stop(0);
        threads.shutdownNow();
    }
}
