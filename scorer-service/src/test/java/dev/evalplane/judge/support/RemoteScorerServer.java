package dev.evalplane.judge.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.evalplane.events.EventJson;

/**
 * A user's remote scorer, as a user would run one (here with the JDK's HTTP server): {@code /concise} answers whether
 * the output has at most {@code expectations.max_words} words; {@code /stats} answers two named feedbacks computed
 * from the request (word count, number of TOOL spans in the trace); {@code /slow}, {@code /broken}, {@code /garbage},
 * {@code /redirect} (to {@code /concise}), {@code /huge} (a 2 MB answer) and {@code /drip} (a byte every 100 ms)
 * misbehave. It listens on 127.0.0.1 at the port the test policy allows ({@link RemoteScorerPort}). Every request body
 * and its {@code x-scorer-token} header are kept.
 */
public final class RemoteScorerServer implements AutoCloseable {

    public record Received(String path, String token, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public RemoteScorerServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", RemoteScorerPort.port()), 16);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            JsonNode body = EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("x-scorer-token"), body));
            switch (path) {
                case "/concise" -> send(exchange, 200, concise(body).toString());
                case "/stats" -> send(exchange, 200, stats(body).toString());
                case "/slow" -> {
                    sleep(1500);
                    send(exchange, 200, "{\"value\": true}");
                }
                case "/broken" -> send(exchange, 500, "{\"detail\": \"scorer crashed: KeyError 'outputs'\"}");
                case "/redirect" -> {
                    exchange.getResponseHeaders().set("Location", "/concise");
                    send(exchange, 302, "{\"value\": \"from the redirect body\"}");
                }
                case "/huge" -> send(exchange, 200, "{\"value\": true, \"rationale\": \"" + "x".repeat(2_000_000) + "\"}");
                case "/drip" -> drip(exchange);
                default -> send(exchange, 200, "ok");
            }
        }
    }

    private static ObjectNode concise(JsonNode body) {
        int words = words(body.path("outputs").asText());
        int max = body.path("expectations").path("max_words").asInt(Integer.MAX_VALUE);
        return EventJson.mapper().createObjectNode().put("value", words <= max ? "yes" : "no")
                .put("rationale", words + " words, limit " + max);
    }

    private static ArrayNode stats(JsonNode body) {
        long tools = 0;
        for (JsonNode span : body.path("trace").path("spans")) {
            tools += "TOOL".equals(span.path("span_type").asText()) ? 1 : 0;
        }
        ArrayNode out = EventJson.mapper().createArrayNode();
        out.addObject().put("name", "word_count").put("value", words(body.path("outputs").asText()));
        out.addObject().put("name", "tool_calls").put("value", tools).put("rationale", "TOOL spans in the trace");
        return out;
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException closedByClient) {
            // the scorer-service gave up waiting (the timeout test)
        }
    }

    private static void drip(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 50; i++) {
                out.write(' ');
                out.flush();
                sleep(100);
            }
            out.write("{\"value\": true}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException closedByClient) {
            // the scorer-service stopped reading at its timeout
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
