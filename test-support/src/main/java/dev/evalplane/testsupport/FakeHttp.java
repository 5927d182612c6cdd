package dev.evalplane.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The JDK HTTP server of the fakes and stand-ins, and writing their answers. */
final class FakeHttp {

    /**
     * The JDK server sends an answer's headers and its body in two writes (JDK 17 flushes the headers on their own),
     * and without {@code TCP_NODELAY} the body then waits for the client to acknowledge the headers: a delayed ACK,
     * about 40 ms on Linux, added to most answers (a fake provider at 200 ms answered a plain client at 1.2-1.25x its
     * latency). The JDK reads {@code sun.net.httpserver.nodelay} once, when the JVM's first server starts, so every
     * server of test-support is created here, and set it before that.
     */
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static HttpServer server(int port, int backlog) throws IOException {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        return HttpServer.create(new InetSocketAddress("127.0.0.1", port), backlog);
    }

    static void send(HttpExchange exchange, int status, String body, Integer retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FakeHttp() {
    }
}
