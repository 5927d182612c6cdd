package dev.evalplane.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathTests {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v1/experiments", "/api/v1/experiments/0/scorers/my%20judge",
            "/api/v1/traces/tr-1/assessments/a-1", "/api/v1/experiments/7/scorers/caf%C3%A9", "/x/a:b@c!$&'()*+,=",
            "/api/v1/evaluations/run%3F1", "/trailing/", "/.well-known/x", "/a/..b/c."})
    void canonicalPathsPass(String path) {
        assertThat(CanonicalPath.ambiguity(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api", "*", "//api", "/api//v1", "/api/./v1", "/api/../v1", "/api/v1/..", "/api/.",
            "/api;/v1", "/api;jsessionid=1/v1", "/api/v1;", "/%61pi", "/api%2Fv1", "/api%2fv1", "/api%5Cv1", "/api%3Bv1",
            "/api%252Fv1", "/api%2e%2e/v1", "/api/%2E", "/api%00", "/api%0a", "/api%7f", "/api%", "/api%4", "/api%zz",
            "/api%c0%ae", "/api%C3", "/api%e2%82", "/a b", "/a\\b", "/a\"b", "/a<b", "/a{b", "/a|b", "/a^b", "/a`b",
            "/a#b", "/a\u00e9", "/a\u0000b", "/%\u0663\u0663"})
    void ambiguousPathsAreRefusedWithAReason(String path) {
        assertThat(CanonicalPath.ambiguity(path)).isPresent();
    }
}
