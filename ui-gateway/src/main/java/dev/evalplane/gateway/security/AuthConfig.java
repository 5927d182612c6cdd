package dev.evalplane.gateway.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bearer-token authentication of the gateway ({@code evalplane.auth.*}). */
@ConfigMapping(prefix = "evalplane.auth")
public interface AuthConfig {

    /** Whether every path off the public list needs a bearer token. Off in dev and test, on in the Helm chart. */
    @WithDefault("false")
    boolean enabled();

    /** Accepted bearer tokens, comma-separated (EVALPLANE_AUTH_TOKENS, from a Secret in deployments). */
    Optional<List<String>> tokens();

    /**
     * Tokens that may also call the admin routes ({@link AdminRoutes}: re-pricing, price overrides), comma-separated
     * (EVALPLANE_AUTH_ADMIN_TOKENS). Empty: nobody may call them while auth is on.
     */
    Optional<List<String>> adminTokens();

    /**
     * The paths open without a token ({@link PublicPaths}): exact paths, or a prefix ending in {@code /*}. Everything
     * else needs one.
     */
    @WithDefault("/,/index.html,/app.js,/app.css,/favicon.ico,/version,/q/health,/q/health/*,/q/openapi")
    List<String> publicPaths();
}
