package dev.evalplane.internalauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.evalplane.events.http.ProblemTypes;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.client.WebClientSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The shared secret between the gateway and the services ({@code evalplane.internal.token}, EVALPLANE_INTERNAL_TOKEN
 * from a Secret). Server side: once it is set, a service answers 401 to any request without the header
 * {@value #HEADER} carrying it, except the health probes and metrics ({@code /q/health}, {@code /q/metrics}); the
 * gateway, the public edge, turns the check off ({@code evalplane.internal.enforce=false}). Client side: every client
 * that calls an evalplane service (gateway to a service, one service to another) is made by {@link #serviceClient},
 * which adds the header to each request it sends; calls to anything else (LLM providers, remote scorers) go through
 * a plain client and never carry it. Unset: no check, no header (dev, tests, NetworkPolicy only).
 */
@ApplicationScoped
public class InternalToken {

    public static final String HEADER = "X-Evalplane-Internal-Token";
    /** Before the application's routes (after Quarkus' CORS and security headers). */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private final Optional<String> token;
    private final boolean enforce;

    public InternalToken(@ConfigProperty(name = "evalplane.internal.token") Optional<String> token,
            @ConfigProperty(name = "evalplane.internal.enforce", defaultValue = "true") boolean enforce) {
        this.token = token.map(String::trim).filter(t -> !t.isEmpty());
        this.enforce = enforce;
    }

    /**
     * A client for calls to evalplane services, sharing {@code base}'s connections: every request it sends carries
     * {@value #HEADER} (when the token is set; {@code base} itself is unchanged). It keeps no cookies.
     */
    public WebClient serviceClient(WebClient base) {
        if (token.isEmpty()) {
            return base;
        }
        return WebClientSession.create(base, NoCookies.INSTANCE).addHeader(HEADER, token.get());
    }

    void register(@Observes Router router) {
        if (token.isEmpty() || !enforce) {
            if (enforce) {
                Log.warn("evalplane.internal.token is unset: this service answers anyone who reaches its port"
                        + " (keep it behind the NetworkPolicy, SECURITY.md)");
            }
            return;
        }
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && (path.equals("/q/health") || path.startsWith("/q/health/") || path.equals("/q/metrics"))
                || matches(ctx.request().getHeader(HEADER))) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(new JsonObject().put("type", ProblemTypes.of("unauthorized")).put("title", "Unauthorized").put("status", 401)
                        .put("detail", "This service answers only the evalplane gateway and services (" + HEADER + ").")
                        .encode());
    }

    private boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token.get().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
