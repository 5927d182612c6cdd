package dev.evalplane.gateway.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bearer-token authentication of the public API ({@code evalplane.auth.*}). */
@ConfigMapping(prefix = "evalplane.auth")
public interface AuthConfig {

    /** Whether requests to the protected paths need a bearer token. Off in dev and test, on in the Helm chart. */
    @WithDefault("false")
    boolean enabled();

    /** Accepted bearer tokens, comma-separated (EVALPLANE_AUTH_TOKENS, from a Secret in deployments). */
    Optional<List<String>> tokens();

    /** Path prefixes that need a token; everything else (the UI, /q/health, /q/metrics) stays open. */
    @WithDefault("/api,/v1,/ajax-api")
    List<String> protectedPaths();
}
