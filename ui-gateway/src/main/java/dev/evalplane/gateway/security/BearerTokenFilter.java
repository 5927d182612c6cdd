package dev.evalplane.gateway.security;

import java.util.List;

import dev.evalplane.gateway.mlflow.MlflowError;
import dev.evalplane.gateway.mlflow.MlflowErrorCode;
import dev.evalplane.gateway.mlflow.MlflowPaths;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Rejects requests to the protected paths ({@code /api/*}, {@code /v1/*}) that carry no valid bearer token, with a 401
 * {@code application/problem+json}. A Vert.x route registered before every application route, so it guards the JAX-RS
 * resources and any plain Vert.x route alike. Quarkus answers CORS pre-flight requests and adds the security headers
 * before it runs, so pre-flights need no token and a 401 carries the same headers as any other response.
 */
@ApplicationScoped
public class BearerTokenFilter {

    static final String PROBLEM_JSON = "application/problem+json";
    /** After Quarkus' CORS, headers and body-limit handlers, before the application's routes. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1;

    private final boolean enabled;
    private final ApiTokens tokens;
    private final ProtectedPaths paths;

    public BearerTokenFilter(AuthConfig config) {
        this.enabled = config.enabled();
        this.tokens = new ApiTokens(config.tokens().orElse(List.of()));
        this.paths = new ProtectedPaths(config.protectedPaths());
        if (enabled && tokens.isEmpty()) {
            throw new IllegalStateException(
                    "evalplane.auth.enabled=true but evalplane.auth.tokens is empty: set EVALPLANE_AUTH_TOKENS");
        }
    }

    void register(@Observes Router router) {
        if (!enabled) {
            Log.warn("API authentication is off (evalplane.auth.enabled=false): /api and /v1 are open to anyone");
            return;
        }
        router.route().order(ORDER).handler(this::filter);
        Log.infof("API authentication is on for %s", paths);
    }

    void filter(RoutingContext ctx) {
        if (!paths.isProtected(ctx.normalizedPath()) || tokens.accepts(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            ctx.next();
            return;
        }
        boolean presented = ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        String detail = presented
                ? "The bearer token in the Authorization header is not valid for this gateway."
                : "This API needs an 'Authorization: Bearer <token>' header.";
        boolean mlflow = MlflowPaths.isMlflow(ctx.normalizedPath());
        // the MLflow client reads {error_code, message} (MLFLOW_TRACKING_TOKEN is sent as the bearer token)
        String body = mlflow ? new MlflowError(MlflowErrorCode.UNAUTHENTICATED, detail).encode()
                : new JsonObject().put("type", "about:blank").put("title", "Unauthorized").put("status", 401)
                        .put("detail", detail).encode();
        ctx.response()
                .setStatusCode(401)
                .putHeader("WWW-Authenticate", presented
                        ? "Bearer realm=\"evalplane\", error=\"invalid_token\""
                        : "Bearer realm=\"evalplane\"")
                .putHeader(HttpHeaders.CONTENT_TYPE, mlflow ? "application/json" : PROBLEM_JSON)
                .end(body);
    }
}
