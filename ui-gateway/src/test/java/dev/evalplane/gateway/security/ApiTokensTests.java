package dev.evalplane.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiTokensTests {

    final ApiTokens tokens = new ApiTokens(List.of("alpha-123", " beta-456 ", ""));

    @Test
    void acceptsEveryConfiguredTokenWithAnyCaseOfTheScheme() {
        assertThat(tokens.accepts("Bearer alpha-123")).isTrue();
        assertThat(tokens.accepts("bearer beta-456")).isTrue();
        assertThat(tokens.accepts("BEARER  alpha-123 ")).isTrue();
    }

    @Test
    void rejectsMissingMalformedAndUnknownCredentials() {
        assertThat(tokens.accepts(null)).isFalse();
        assertThat(tokens.accepts("")).isFalse();
        assertThat(tokens.accepts("Bearer ")).isFalse();
        assertThat(tokens.accepts("Basic alpha-123")).isFalse();
        assertThat(tokens.accepts("alpha-123")).isFalse();
        assertThat(tokens.accepts("Bearer alpha-12")).isFalse();
        assertThat(tokens.accepts("Bearer alpha-1234")).isFalse();
    }

    @Test
    void blankTokensAreNotTokens() {
        assertThat(new ApiTokens(List.of(" ", "")).isEmpty()).isTrue();
        assertThat(new ApiTokens(List.of(" ", "")).accepts("Bearer  ")).isFalse();
        assertThat(tokens.isEmpty()).isFalse();
    }
}
