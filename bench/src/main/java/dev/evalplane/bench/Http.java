package dev.evalplane.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.EventJson;

/** A small JSON HTTP client for benchmarks and fault tests (JDK HttpClient, one connection pool). */
public final class Http {

    /** Status, content type, body and the time the exchange took. */
    public record Reply(int status, String contentType, String body, long nanos) {

        public JsonNode json() {
            return parse(body);
        }

        public static JsonNode parse(String text) {
            try {
                return EventJson.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON: " + text, e);
            }
        }

        public Reply expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected " + expected + ", got " + status + ": " + body);
            }
            return this;
        }
    }

    // HTTP/1.1: the JDK client's default h2c upgrade request makes mlflow server's uvicorn drop the request
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public static Reply postJson(String url, Object body) {
        return post(url, "application/json", json(body));
    }

    public static Reply post(String url, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POST of a binary body with extra headers (name, value, name, value, ...). */
    public static Reply post(String url, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public static String json(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return EventJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Reply send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            throw new IllegalStateException(request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Http() {
    }
}
