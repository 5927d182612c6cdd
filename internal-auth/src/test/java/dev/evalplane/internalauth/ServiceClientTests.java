package dev.evalplane.internalauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The one client-level way a call to a service carries the token: a real HTTP server records what each request
 * carried.
 */
class ServiceClientTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Vertx vertx;
    private static HttpServer server;
    private static final List<String> tokens = new CopyOnWriteArrayList<>();
    private static final List<String> cookies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> {
            tokens.add(String.valueOf(request.getHeader(InternalToken.HEADER)));
            cookies.add(String.valueOf(request.getHeader("Cookie")));
            request.response().putHeader("Set-Cookie", "session=from-a-service").endAndForget("ok");
        }).listen(0).await().atMost(WAIT);
    }

    @AfterAll
    static void stop() {
        server.close().await().atMost(WAIT);
        vertx.close().await().atMost(WAIT);
    }

    @Test
    void everyRequestOfAServiceClientCarriesTheTokenAndTheBaseClientNone() {
        WebClient base = WebClient.create(vertx);
        WebClient services = new InternalToken(Optional.of(" s3cret "), true).serviceClient(base);
        tokens.clear();

        services.getAbs(url("/a")).send().await().atMost(WAIT);
        services.postAbs(url("/b")).sendBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer("{}")).await().atMost(WAIT);
        base.getAbs(url("/elsewhere")).send().await().atMost(WAIT);

        assertThat(tokens).containsExactly("s3cret", "s3cret", "null");
        base.close();
    }

    @Test
    void aServiceClientKeepsNoCookieBetweenCalls() {
        WebClient services = new InternalToken(Optional.of("s3cret"), true).serviceClient(WebClient.create(vertx));
        cookies.clear();

        services.getAbs(url("/first")).send().await().atMost(WAIT);
        services.getAbs(url("/second")).send().await().atMost(WAIT);

        assertThat(cookies).containsExactly("null", "null");
        services.close();
    }

    @Test
    void withoutATokenTheServiceClientIsThePlainOne() {
        WebClient base = WebClient.create(vertx);
        tokens.clear();

        WebClient services = new InternalToken(Optional.of("  "), true).serviceClient(base);
        services.getAbs(url("/a")).send().await().atMost(WAIT);

        assertThat(services).isSameAs(base);
        assertThat(tokens).containsExactly("null");
        base.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }
}
