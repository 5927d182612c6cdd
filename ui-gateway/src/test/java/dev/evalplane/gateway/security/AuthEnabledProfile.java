package dev.evalplane.gateway.security;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The gateway as the Helm chart runs it: tokens required, CORS open to one origin, a small body limit to test 413. */
public class AuthEnabledProfile implements QuarkusTestProfile {

    static final String TOKEN = "test-token-7f3a";
    static final String SECOND_TOKEN = "rotated-token-91c2";
    static final String ALLOWED_ORIGIN = "https://ui.example.net";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "evalplane.auth.enabled", "true",
                "evalplane.auth.tokens", TOKEN + "," + SECOND_TOKEN,
                "quarkus.http.cors.enabled", "true",
                "quarkus.http.cors.origins", ALLOWED_ORIGIN,
                "quarkus.http.limits.max-body-size", "1K");
    }
}
