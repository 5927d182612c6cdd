package dev.evalplane.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicPathsTests {

    final PublicPaths paths = new PublicPaths(List.of("/", "/index.html", " /q/health", "/q/health/*", "not-a-path"));

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/q/health", "/q/health/ready", "/q/health/live"})
    void listedPathsAreOpen(String path) {
        assertThat(paths.isPublic(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/experiments", "/v1/traces", "/q/metrics", "/q/healthz", "/q/health/", "/Q/health",
            "/index.html/", "/INDEX.HTML", "/q", "/not-a-path", "not-a-path", "/x/index.html"})
    void everythingElseNeedsAToken(String path) {
        assertThat(paths.isPublic(path)).isFalse();
    }
}
