package dev.evalplane.cost.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.evalplane.cost.config.PricesConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;

/** Reads the raw LiteLLM price map from a file path or an http(s) URL, without blocking. */
@ApplicationScoped
public class LiteLlmMapFetcher {

    private final Vertx vertx;
    private final WebClient web;
    private final PricesConfig config;

    public LiteLlmMapFetcher(Vertx vertx, PricesConfig config) {
        this.vertx = vertx;
        this.web = WebClient.create(vertx);
        this.config = config;
    }

    public Uni<byte[]> fetch(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return web.getAbs(location).timeout(config.litellm().timeout().toMillis()).send()
                    .map(response -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("GET " + location + " answered " + response.statusCode());
                        }
                        Buffer body = response.body();
                        if (body == null) {
                            throw new IllegalStateException("GET " + location + " answered an empty body");
                        }
                        return body.getBytes();
                    });
        }
        String path = lower.startsWith("file:") ? Path.of(URI.create(location)).toString() : location;
        return vertx.fileSystem().readFile(path).map(Buffer::getBytes);
    }
}
