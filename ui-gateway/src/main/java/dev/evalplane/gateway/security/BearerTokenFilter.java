package dev.evalplane.gateway.security;

import java.util.List;

import dev.evalplane.gateway.client.ErrorShape;
import dev.evalplane.gateway.http.RequestGuard;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every path off the explicit public list ({@link PublicPaths}) needs a bearer token; the admin routes
 * ({@link AdminRoutes}) need an admin token. Decides on the canonical raw path that {@link RequestGuard} admitted
 * (ambiguous paths never get here), which is the path the router matches and the proxy forwards. A missing or unknown
 * token is a 401, an ordinary token on an admin route a 403, in the path's {@link ErrorShape} (problem+json, or
 * MLflow's {@code UNAUTHENTICATED} error on the MLflow routes). A Vert.x route right after the guard and before every
 * application route; Quarkus answers CORS pre-flights and adds the security headers before it runs.
 */
@ApplicationScoped
public class BearerTokenFilter {

    static final int ORDER = RequestGuard.ORDER + 1;

    private final boolean enabled;
    private final ApiTokens tokens;
    private final ApiTokens adminTokens;
    private final PublicPaths publicPaths;

    public BearerTokenFilter(AuthConfig config) {
        this.enabled = config.enabled();
        this.tokens = new ApiTokens(config.tokens().orElse(List.of()));
        this.adminTokens = new ApiTokens(config.adminTokens().orElse(List.of()));
        this.publicPaths = new PublicPaths(config.publicPaths());
        if (enabled && tokens.isEmpty()) {
            throw new IllegalStateException(
                    "evalplane.auth.enabled=true but evalplane.auth.tokens is empty: set EVALPLANE_AUTH_TOKENS");
        }
    }

    void register(@Observes Router router) {
        if (!enabled) {
            Log.warn("API authentication is off (evalplane.auth.enabled=false): the API, including the admin routes,"
                    + " is open to anyone");
            return;
        }
        router.route().order(ORDER).handler(this::filter);
        Log.infof("API authentication is on; open without a token: %s; admin tokens configured: %s", publicPaths,
                !adminTokens.isEmpty());
    }

    void filter(RoutingContext ctx) {
        String path = ctx.request().path();
        if (publicPaths.isPublic(path)) {
            ctx.next();
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean admin = adminTokens.accepts(authorization);
        if (!admin && !tokens.accepts(authorization)) {
            unauthorized(ctx, path, authorization != null);
            return;
        }
        if (!admin && AdminRoutes.isAdmin(ctx.request().method().name(), path)) {
            ErrorShape.forPath(path).end(ctx, 403, "admin-token-required", "Forbidden", adminTokens.isEmpty()
                    ? "This is an admin route and no admin token is configured (evalplane.auth.admin-tokens)."
                    : "This is an admin route: it needs a token from evalplane.auth.admin-tokens.");
            return;
        }
        ctx.next();
    }

    private static void unauthorized(RoutingContext ctx, String path, boolean presented) {
        ctx.response().putHeader("WWW-Authenticate", presented
                ? "Bearer realm=\"evalplane\", error=\"invalid_token\""
                : "Bearer realm=\"evalplane\"");
        ErrorShape.forPath(path).end(ctx, 401, "unauthorized", "Unauthorized", presented
                ? "The bearer token in the Authorization header is not valid for this gateway."
                : "This API needs an 'Authorization: Bearer <token>' header.");
    }
}
