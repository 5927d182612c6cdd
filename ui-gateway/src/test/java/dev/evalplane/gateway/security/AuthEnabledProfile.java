package dev.evalplane.gateway.security;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway as the Helm chart runs it: tokens required (an admin token for the admin routes), CORS open to one
 * origin, a small body limit to test 413. The services are down (port 9 refuses at once): a request that passes the
 * gateway's checks is answered 502, so a test sees whether a request got through without needing the services.
 */
public class AuthEnabledProfile implements QuarkusTestProfile {

    public static final String TOKEN = "test-token-7f3a";
    public static final String SECOND_TOKEN = "rotated-token-91c2";
    public static final String ADMIN_TOKEN = "admin-token-5d0e";
    static final String ALLOWED_ORIGIN = "https://ui.example.net";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "evalplane.auth.enabled", "true",
                "evalplane.auth.tokens", TOKEN + "," + SECOND_TOKEN,
                "evalplane.auth.admin-tokens", ADMIN_TOKEN,
                "quarkus.http.cors.enabled", "true",
                "quarkus.http.cors.origins", ALLOWED_ORIGIN,
                "quarkus.http.limits.max-body-size", "1K",
                "evalplane.trace-service.url", "http://127.0.0.1:9",
                "evalplane.scorer-service.url", "http://127.0.0.1:9",
                "evalplane.cost-service.url", "http://127.0.0.1:9");
    }
}
