package dev.evalplane.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server on a free port in the place of another service, standing in for network conditions (an answer
 * that comes too late, a 503, a 404), not for that service's logic. A subclass says what each request is answered and
 * which config points the service under test at the server; the server counts requests by {@code "METHOD /path?query"}
 * in the {@link Requests} the subclass gives it (a static field, so its tests can read it).
 */
public abstract class UnreliableHttpService implements QuarkusTestResourceLifecycleManager {

    /** A request as the server saw it; {@code seen}: how many requests of this method and URI so far, this one too. */
    public record Request(String method, String uri, int seen) {
        public String path() {
            int query = uri.indexOf('?');
            return query < 0 ? uri : uri.substring(0, query);
        }
    }

    /** A JSON answer, sent after {@code delay} (a service too slow to answer in time). */
    public record Reply(int status, String body, Duration delay) {
        public static Reply json(int status, String body) {
            return new Reply(status, body, Duration.ZERO);
        }

        public Reply after(Duration wait) {
            return new Reply(status, body, wait);
        }
    }

    /**
     * Requests counted by {@code "METHOD /path?query"}; for the prefixes a test watches, also how many requests starting
     * with it were unanswered at once, at most.
     */
    public static final class Requests {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> mostOpen = new ConcurrentHashMap<>();

        public int count(String methodAndUri) {
            AtomicInteger count = counts.get(methodAndUri);
            return count == null ? 0 : count.get();
        }

        /** Starts counting the unanswered requests whose {@code "METHOD /path?query"} starts with the prefix. */
        public void watch(String prefix) {
            open.put(prefix, new AtomicInteger());
            mostOpen.put(prefix, new AtomicInteger());
        }

        /** The most requests of a watched prefix that were unanswered at the same time. */
        public int mostAtOnce(String prefix) {
            return mostOpen.get(prefix).get();
        }

        int record(String methodAndUri) {
            open.forEach((prefix, now) -> {
                if (methodAndUri.startsWith(prefix)) {
                    mostOpen.get(prefix).accumulateAndGet(now.incrementAndGet(), Math::max);
                }
            });
            return counts.computeIfAbsent(methodAndUri, k -> new AtomicInteger()).incrementAndGet();
        }

        void answered(String methodAndUri) {
            open.forEach((prefix, now) -> {
                if (methodAndUri.startsWith(prefix)) {
                    now.decrementAndGet();
                }
            });
        }
    }

    private final Requests requests;
    private HttpServer server;
    private ExecutorService threads;

    protected UnreliableHttpService(Requests requests) {
        this.requests = requests;
    }

    /** The config that points the service under test at {@code url} (and its timeouts, retries, breaker). */
    protected abstract Map<String, String> config(String url);

    protected abstract Reply reply(Request request);

    @Override
    public Map<String, String> start() {
        try {
            server = FakeHttp.server(0, 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads = Executors.newFixedThreadPool(16);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        return config("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String uri = exchange.getRequestURI().toString();
        int seen = requests.record(method + " " + uri);
        exchange.getRequestBody().readAllBytes();
        Reply reply = reply(new Request(method, uri, seen));
        FakeHttp.sleep(reply.delay());
        requests.answered(method + " " + uri);
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // the caller gave up (its timeout): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void stop() {
        server.stop(0);
        threads.shutdownNow();
    }
}
