package dev.evalplane.gateway.client;

import dev.evalplane.internalauth.InternalToken;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway's one HTTP client to the services behind it, shared by the proxy ({@link ServiceProxy}), the MLflow
 * layer's calls and the public OpenAPI document's fetches: one connection pool of at most
 * {@code evalplane.gateway.upstream.max-connections} connections per service ({@link UpstreamCalls}), and every
 * request carries the internal token ({@link InternalToken#serviceClient}).
 */
@ApplicationScoped
public class UpstreamClient {

    private final WebClient pool;
    private final WebClient client;

    public UpstreamClient(Vertx vertx, UpstreamCalls calls, InternalToken internalToken) {
        this.pool = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(calls.maxConnections()));
        this.client = internalToken.serviceClient(pool);
    }

    /** A request to a service's absolute URL ({@link ServiceUrls}). */
    public HttpRequest<Buffer> request(HttpMethod method, String url) {
        return client.request(method, new RequestOptions().setAbsoluteURI(url));
    }

    @PreDestroy
    void close() {
        pool.close();
    }
}
