package dev.evalplane.judge.config;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One Vert.x web client for providers and sibling services. */
@ApplicationScoped
public class WebClientProducer {

    @Produces
    @Singleton
    WebClient webClient(Vertx vertx) {
        return WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("evalplane-scorer")
                .setMaxPoolSize(64)
                .setConnectTimeout(10_000)
                .setFollowRedirects(false));
    }

    void close(@Disposes WebClient client) {
        client.close();
    }
}
