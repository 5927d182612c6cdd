package dev.evalplane.internalauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/** A service's check of the token on a real HTTP server: a caller without it gets the house's 401 problem. */
class InternalTokenCheckTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Vertx vertx;
    private static HttpServer server;
    private static WebClient client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx.getDelegate());
        new InternalToken(Optional.of("s3cret"), true).register(router);
        router.route().handler(ctx -> ctx.response().end("ok"));
        server = vertx.createHttpServer().requestHandler(request -> router.handle(request.getDelegate()))
                .listen(0).await().atMost(WAIT);
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close().await().atMost(WAIT);
        vertx.close().await().atMost(WAIT);
    }

    private static HttpResponse<io.vertx.mutiny.core.buffer.Buffer> get(String path, String token) {
        var request = client.get(server.actualPort(), "localhost", path);
        if (token != null) {
            request.putHeader(InternalToken.HEADER, token);
        }
        return request.send().await().atMost(WAIT);
    }

    @Test
    void aCallerWithoutTheTokenGetsAProblemOfTheHousesType() {
        for (String token : new String[] { null, "s3cretx" }) {
            HttpResponse<io.vertx.mutiny.core.buffer.Buffer> refused = get("/api/v1/experiments", token);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
            JsonObject problem = new JsonObject(refused.bodyAsString());
            assertThat(problem.getString("type")).isEqualTo("https://evalplane.dev/problems/unauthorized");
            assertThat(problem.getString("title")).isEqualTo("Unauthorized");
            assertThat(problem.getInteger("status")).isEqualTo(401);
            assertThat(problem.getString("detail")).contains(InternalToken.HEADER);
        }
        assertThat(get("/api/v1/experiments", "s3cret").bodyAsString()).isEqualTo("ok");
        assertThat(get("/q/health/ready", null).bodyAsString()).isEqualTo("ok");
    }
}
