package dev.evalplane.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtectedPathsTests {

    final ProtectedPaths paths = new ProtectedPaths(List.of("/api", "v1/"));

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/", "/api/v1/evaluations", "/v1/traces", "//api/v1/traces", "/v1//traces"})
    void apiAndOtlpPathsAreProtected(String path) {
        assertThat(paths.isProtected(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/app.js", "/q/health/ready", "/q/metrics", "/apiary", "/v10/x", "/static/api"})
    void uiHealthAndLookalikePathsAreOpen(String path) {
        assertThat(paths.isProtected(path)).isFalse();
    }
}
