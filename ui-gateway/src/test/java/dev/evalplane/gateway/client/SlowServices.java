package dev.evalplane.gateway.client;

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
 * A real HTTP server in the place of scorer-service and cost-service, standing in for a network condition (a service
 * that hangs), not for their logic: every request to a path containing {@code slow} answers after 2 s (a price
 * request only while {@link #hanging} is set). Counts requests per path. Its config gives the gateway a 300 ms timeout,
 * one retry of a GET and a breaker that opens after 6 unanswered calls in a row.
 */
public class SlowServices implements QuarkusTestResourceLifecycleManager {

    static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    static final AtomicBoolean hanging = new AtomicBoolean(true);

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
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("evalplane.scorer-service.url", url, "evalplane.cost-service.url", url,
                "evalplane.gateway.upstream.timeout", "300ms",
                "evalplane.gateway.upstream.retries", "1",
                "evalplane.gateway.upstream.retry-delay", "20ms",
                "evalplane.gateway.upstream.breaker-volume", "6",
                "evalplane.gateway.upstream.breaker-failure-ratio", "1.0",
                "evalplane.gateway.upstream.breaker-delay", "1s");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        REQUESTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        if (key.contains("slow") && (!key.contains("/prices") || hanging.get())) {
            sleep(2000); // a service that does not answer in time
        }
        byte[] body = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // the gateway gave up (its timeout)
        } finally {
            exchange.close();
        }
    }

    static int requests(String methodAndPath) {
        AtomicInteger count = REQUESTS.get(methodAndPath);
        return count == null ? 0 : count.get();
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
